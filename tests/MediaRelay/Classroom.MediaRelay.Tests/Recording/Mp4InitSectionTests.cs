using Classroom.Testing.Media;
using System.Globalization;
using Classroom.MediaRelay.Recording;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>The init-section reader against ffmpeg's own output (High profile, 426×240, AAC), and every truncation of it.</summary>
public sealed class Mp4InitSectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("classroom-init-").FullName;

    [Fact]
    public async Task An_init_section_gives_the_codec_string_and_size_ffprobe_sees_and_a_truncated_one_never_throws()
    {
        var (code, _, error) = await HlsProbe.RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1",
            "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
            "-f", "hls", "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4", Path.Combine(_folder, "x.m3u8"));
        Assert.True(code == 0, error);
        var init = Path.Combine(_folder, "init.mp4");
        var (_, probe, _) = await HlsProbe.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=level", "-of", "csv=p=0",
            Path.Combine(_folder, "x.m3u8"));
        var level = int.Parse(probe.Trim().Split('\n')[0], CultureInfo.InvariantCulture);

        var section = Mp4InitSection.Read(init);
        Assert.Equal("avc1.6400" + level.ToString("x2", CultureInfo.InvariantCulture) + ",mp4a.40.2", section.Codecs);
        Assert.Equal((426, 240), (section.Width!.Value, section.Height!.Value));

        var bytes = await File.ReadAllBytesAsync(init);
        for (var length = 0; length < bytes.Length; length++) _ = Mp4InitSection.Parse(bytes.AsSpan(0, length));
        Assert.Null(Mp4InitSection.Parse("not an mp4 at all, but long enough"u8).Codecs);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
