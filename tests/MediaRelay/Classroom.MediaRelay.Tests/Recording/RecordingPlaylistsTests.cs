using Classroom.MediaRelay.Recording;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>The recorder's own playlists, composed from its runs' playlists as ffmpeg leaves them (no ffmpeg needed).</summary>
public sealed class RecordingPlaylistsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "recording-playlists-" + Guid.NewGuid().ToString("N"));

    public RecordingPlaylistsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Runs_are_joined_by_a_discontinuity_each_with_its_own_init_and_a_half_written_entry_is_left_out()
    {
        WriteRun(1, "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI=\"init-camera.mp4\"\n#EXTINF:1.5,\ncamera-00000.m4s\n#EXTINF:1.0,\ncamera-00001.m4s\n", 2);
        WriteRun(2, "#EXTM3U\n#EXT-X-MAP:URI=\"init-camera.mp4\"\n#EXTINF:1.25,\ncamera-00000.m4s\n#EXTINF:1.0,\ncamera-000", 2); // ffmpeg was mid-write
        var manifest = new RecordingManifest("r1", "L1", DateTimeOffset.UnixEpoch)
        {
            Runs = [new RecordingRun(1, DateTimeOffset.UnixEpoch, ["camera"]), new RecordingRun(2, DateTimeOffset.UnixEpoch, ["camera"])],
        };

        var live = RecordingPlaylists.Compose(_folder, manifest, "camera", final: false);
        Assert.Equal(3, live.Segments);
        Assert.Equal(1, live.Discontinuities);
        var text = File.ReadAllText(Path.Combine(_folder, "camera.m3u8"));
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:EVENT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", text, StringComparison.Ordinal);

        var vod = RecordingPlaylists.Compose(_folder, manifest, "camera", final: true);
        Assert.Equal(3.75, vod.Duration, 3);
        Assert.True(HlsMediaPlaylist.TryParse(File.ReadAllText(Path.Combine(_folder, "camera.m3u8")), out var parsed));
        Assert.True(parsed.Ended);
        Assert.Equal(["run-1/camera-00000.m4s", "run-1/camera-00001.m4s", "run-2/camera-00000.m4s"], parsed.Segments.Select(s => s.Uri));
        text = File.ReadAllText(Path.Combine(_folder, "camera.m3u8"));
        Assert.Contains("#EXT-X-MAP:URI=\"run-2/init-camera.mp4\"", text, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-TARGETDURATION:2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_wrote_only_an_empty_segment_is_left_out_with_its_map_and_discontinuity()
    {
        // What ffmpeg leaves when a run is stopped before the studio's first key frame (seen in the
        // whole-lesson test: courseware shared 3 s in): one 0-s segment holding no media.
        WriteRun(1, "#EXTM3U\n#EXT-X-MAP:URI=\"init-camera.mp4\"\n#EXTINF:0.000000,\ncamera-00000.m4s\n#EXT-X-ENDLIST\n", 1);
        WriteRun(2, "#EXTM3U\n#EXT-X-MAP:URI=\"init-camera.mp4\"\n#EXTINF:1.002,\ncamera-00000.m4s\n#EXTINF:3.1,\ncamera-00001.m4s\n", 2);
        var manifest = new RecordingManifest("r1", "L1", DateTimeOffset.UnixEpoch)
        {
            Runs = [new RecordingRun(1, DateTimeOffset.UnixEpoch, ["camera"]), new RecordingRun(2, DateTimeOffset.UnixEpoch, ["camera"])],
        };

        var vod = RecordingPlaylists.Compose(_folder, manifest, "camera", final: true);
        Assert.Equal(2, vod.Segments);
        Assert.Equal(0, vod.Discontinuities);
        var text = File.ReadAllText(Path.Combine(_folder, "camera.m3u8"));
        Assert.DoesNotContain("run-1/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-DISCONTINUITY", text, StringComparison.Ordinal);
        Assert.StartsWith("run-2/", HlsMediaPlaylist.TryParse(text, out var parsed) ? parsed.Map : null, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#EXTM3U\n#EXTINF:1.0,\n../../etc/passwd\n")]
    [InlineData("#EXTM3U\n#EXTINF:1.0,\nhttp://elsewhere/x.m4s\n")]
    public void A_segment_outside_the_run_folder_is_never_referenced(string playlist)
    {
        WriteRun(1, "#EXTM3U\n#EXT-X-MAP:URI=\"init-camera.mp4\"\n" + playlist["#EXTM3U\n".Length..], 0);
        var manifest = new RecordingManifest("r1", "L1", DateTimeOffset.UnixEpoch) { Runs = [new RecordingRun(1, DateTimeOffset.UnixEpoch, ["camera"])] };
        Assert.Equal(0, RecordingPlaylists.Compose(_folder, manifest, "camera", final: true).Segments);
    }

    [Fact]
    public void Text_that_is_not_a_playlist_is_refused()
    {
        Assert.False(HlsMediaPlaylist.TryParse("hello\n", out _));
        Assert.False(HlsMediaPlaylist.TryParse("#EXTM3U\n#EXTINF:abc,\nx.m4s\n", out _));
        Assert.False(HlsMediaPlaylist.TryParse("#EXTM3U\nx.m4s\n", out _));
    }

    private void WriteRun(int number, string playlist, int segments)
    {
        var folder = Path.Combine(_folder, "run-" + number);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "camera.m3u8"), playlist);
        File.WriteAllBytes(Path.Combine(folder, "init-camera.mp4"), [0]);
        for (var i = 0; i < segments; i++) File.WriteAllBytes(Path.Combine(folder, $"camera-{i:00000}.m4s"), [0]);
    }
}
