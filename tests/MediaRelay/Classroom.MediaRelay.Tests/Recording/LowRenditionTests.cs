using Classroom.Testing.Media;
using System.Globalization;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Recording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>
/// The low-bitrate rendition with real ffmpeg: after "end lesson" a background job makes
/// camera-low.m3u8 (at most 360 lines, ~350 + 64 kbit/s), its state goes pending → encoding →
/// ready in the manifest and to the catalog, the copy lasts as long as the lesson and decodes; a
/// job a crash cut short ("encoding" in the manifest, a half-written folder) is done again from
/// the start by the next start of the recorder.
/// </summary>
[Collection(nameof(RecordingCollection))]
public sealed class LowRenditionTests
{
    /// <summary>CLASSROOM_LOW_BENCH_SECONDS=60 with CLASSROOM_RECORDER_BENCH_SIZE=1280x720 gives the figure in docs/recording.md.</summary>
    private static double LessonSeconds =>
        double.TryParse(Environment.GetEnvironmentVariable("CLASSROOM_LOW_BENCH_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10;

    [Fact]
    public async Task After_the_lesson_a_low_rendition_is_made_in_the_background_listed_with_the_camera_in_the_master_playlist_and_a_job_cut_short_is_done_again()
    {
        var seconds = LessonSeconds;
        var catalog = new StateCatalog();
        await using var harness = await RecordingHarness.StartAsync(lowRendition: true, services: s => s.AddSingleton<IRecordingCatalog>(catalog));
        var session = await harness.StudioConnectsAsync("H264");
        harness.StartSending("H264", seconds);
        await harness.SenderDoneAsync();
        harness.EndLesson();
        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.Low?.State is LowRendition.Encoding or LowRendition.Ready or LowRendition.Failed,
            TimeSpan.FromSeconds(60), "the low rendition starts");
        var childCpu = ChildCpuSeconds(); // the recorder's ffmpeg and the poster are done and reaped by now: what follows is the transcode's
        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.Low?.State is LowRendition.Ready or LowRendition.Failed,
            TimeSpan.FromSeconds(60 + seconds * 3), "the low rendition is done");
        var cpu = ChildCpuSeconds() - childCpu;

        var manifest = RecordingManifest.Load(session.Folder)!;
        Assert.True(manifest.Low!.State == LowRendition.Ready, "low rendition: " + manifest.Low);
        Assert.Equal([LowRendition.Pending, LowRendition.Encoding, LowRendition.Ready], catalog.States("low"));
        var low = Path.Combine(session.Folder, LowRendition.Playlist);
        var text = await File.ReadAllTextAsync(low);
        Assert.Contains("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-MAP:URI=\"low/", text, StringComparison.Ordinal);
        var camera = await HlsProbe.DurationAsync(Path.Combine(session.Folder, "camera.m3u8"));
        var duration = await HlsProbe.DurationAsync(low);
        Assert.True(Math.Abs(duration - camera) <= 1, $"low {duration} s, camera {camera} s");
        await HlsProbe.AssertDecodesAsync(low);
        var (_, streams, _) = await HlsProbe.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,height", "-of", "csv=p=0", low);
        var height = int.Parse(streams.Split('\n').First(l => l.StartsWith("h264", StringComparison.Ordinal)).Split(',')[1], CultureInfo.InvariantCulture);
        Assert.InRange(height, 144, 360);
        Assert.Contains("aac", streams, StringComparison.Ordinal);
        var bytes = Directory.EnumerateFiles(Path.Combine(session.Folder, LowRendition.Folder), "*.m4s").Sum(f => new FileInfo(f).Length);
        var kbps = bytes * 8 / duration / 1000;
        Assert.InRange(kbps, 50, 700); // ~350 video + 64 audio; generous (testsrc2 is easy to code)
        await AssertMasterPlaylistAsync(session.Folder, catalog, camera);
        Console.WriteLine($"low rendition: {seconds} s lesson at {Environment.GetEnvironmentVariable("CLASSROOM_RECORDER_BENCH_SIZE") ?? "640x360"} → {height} lines, " +
            $"{kbps:0} kbit/s, transcode {manifest.Low.Seconds:0.00} s, transcode CPU {cpu:0.00} s ({cpu / manifest.Low.Seconds:0.00} cores)");

        // A crash in the middle of the job: the manifest says "encoding" and low/ holds half a copy.
        manifest = manifest with { Low = new LowRendition(LowRendition.Encoding, DateTimeOffset.UnixEpoch) };
        manifest.Save(session.Folder);
        File.Delete(low);
        await File.WriteAllTextAsync(Path.Combine(session.Folder, LowRendition.Folder, "camera-low-99999.m4s"), "half");
        using var restarted = new LessonRecorder(new RecordingOptions(), harness.Recorder.Root, harness.Host.Runtime.Rooms, harness.Host.Runtime.Counters,
            TimeProvider.System, new MediaRelayLog(NullLogger<MediaRelayLog>.Instance));
        await restarted.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.Low?.State == LowRendition.Ready, TimeSpan.FromSeconds(60 + seconds * 3),
            "the job cut short is done again");
        await restarted.StopAsync(CancellationToken.None);
        Assert.False(File.Exists(Path.Combine(session.Folder, LowRendition.Folder, "camera-low-99999.m4s")));
        await HlsProbe.AssertDecodesAsync(low);
    }

    /// <summary>
    /// index.m3u8 lists camera and camera-low as variants whose CODECS, RESOLUTION and BANDWIDTH
    /// agree with ffprobe and the files; it plays through; the catalog heard the same facts.
    /// </summary>
    private static async Task AssertMasterPlaylistAsync(string folder, StateCatalog catalog, double duration)
    {
        var master = Path.Combine(folder, RenditionFacts.Master);
        var text = await File.ReadAllTextAsync(master);
        var variants = text.Split('\n').Select((line, i) => (line, i)).Where(x => x.line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            .Select(x => (Attributes: x.line, Uri: text.Split('\n')[x.i + 1])).ToList();
        Assert.Equal(["camera.m3u8", LowRendition.Playlist], variants.Select(v => v.Uri).ToArray()); // highest bandwidth first
        var reported = catalog.Finished.Single().Renditions.Single(r => r.Name == "camera");
        var low = catalog.Descriptions("low").Last();
        foreach (var (attributes, uri) in variants)
        {
            var (_, probe, _) = await HlsProbe.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=profile,level,width,height",
                "-of", "default=nw=1", Path.Combine(folder, uri));
            var fields = probe.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split('=', 2))
                .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]); // an HLS input lists its streams again under its program
            var (width, height, profile, level) = (fields["width"], fields["height"], fields["profile"], int.Parse(fields["level"], CultureInfo.InvariantCulture));
            Assert.Contains("RESOLUTION=" + width + "x" + height, attributes, StringComparison.Ordinal);
            var codec = attributes[(attributes.IndexOf("CODECS=\"avc1.", StringComparison.Ordinal) + 13)..];
            var profileIdc = codec[..2];
            Assert.Equal(profile.Contains("Baseline", StringComparison.Ordinal) ? "42" : profile == "Main" ? "4d" : "64", profileIdc);
            Assert.Equal(level.ToString("x2", CultureInfo.InvariantCulture), codec[4..6]);
            Assert.Contains(",mp4a.40.2\"", attributes, StringComparison.Ordinal);
            var facts = uri == "camera.m3u8" ? reported : low!;
            Assert.Equal(("BANDWIDTH=" + facts.Bandwidth, int.Parse(width, CultureInfo.InvariantCulture), int.Parse(height, CultureInfo.InvariantCulture)),
                (attributes.Split(':')[1].Split(',')[0], facts.Width!.Value, facts.Height!.Value));
            Assert.Contains(facts.Codecs!, attributes, StringComparison.Ordinal);
        }

        Assert.InRange(await HlsProbe.DurationAsync(master), duration - 1, duration + 1);
        await HlsProbe.AssertDecodesAsync(master);
        Assert.True(low!.Bandwidth < reported.Bandwidth, $"low {low.Bandwidth} bit/s, camera {reported.Bandwidth} bit/s");
        Console.WriteLine($"master: camera {reported.Codecs} {reported.Width}x{reported.Height} {reported.Bandwidth / 1000} kbit/s peak; " +
            $"low {low.Codecs} {low.Width}x{low.Height} {low.Bandwidth / 1000} kbit/s peak");
    }

    /// <summary>CPU seconds of this process's waited-for children (cutime + cstime in /proc/self/stat).</summary>
    private static double ChildCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed class StateCatalog : IRecordingCatalog
    {
        private readonly List<RecordingRenditionState> _states = [];

        public List<RecordingFinished> Finished { get; } = [];

        public IReadOnlyList<RecordingRendition?> Descriptions(string rendition)
        {
            lock (_states) return [.. _states.Where(s => s.Rendition == rendition && s.Description?.Codecs is not null).Select(s => s.Description)];
        }

        public IReadOnlyList<string> States(string rendition)
        {
            lock (_states) return [.. _states.Where(s => s.Rendition == rendition).Select(s => s.State)];
        }

        public Task RecordingStartedAsync(RecordingStarted started, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RecordingFinishedAsync(RecordingFinished finished, CancellationToken cancellationToken)
        {
            lock (Finished) Finished.Add(finished);
            return Task.CompletedTask;
        }

        public Task RenditionStateAsync(RecordingRenditionState state, CancellationToken cancellationToken)
        {
            lock (_states) _states.Add(state);
            return Task.CompletedTask;
        }
    }
}
