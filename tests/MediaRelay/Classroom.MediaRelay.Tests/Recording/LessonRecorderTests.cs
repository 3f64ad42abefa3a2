using Classroom.Testing.Media;
using System.Diagnostics;
using Classroom.MediaRelay.Recording;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>
/// The recorder with real ffmpeg on both sides: a studio's lesson becomes an HLS VOD that is
/// closed at "end lesson", lasts as long as the lesson, decodes without an error and seeks —
/// for copied H.264 and for VP8 transcoded to H.264.
/// </summary>
[Collection(nameof(RecordingCollection))]
public sealed class LessonRecorderTests
{
    [Theory]
    [InlineData("H264", 16)]
    [InlineData("VP8", 12)]
    public async Task A_lesson_is_a_closed_vod_as_long_as_the_lesson_that_decodes_and_seeks(string codec, double seconds)
    {
        await using var harness = await RecordingHarness.StartAsync();
        var session = await harness.StudioConnectsAsync(codec);
        harness.StartSending(codec, seconds);
        await harness.SenderDoneAsync();
        var usage = RecordingHarness.Usage(session.CurrentProcess!.Pid); // the recorder's ffmpeg, for the log line below (not asserted)
        // Its RTP sockets got the large receive buffer the recorder asks for (the kernel grants twice
        // the request, capped by net.core.rmem_max): packets dropped there are never retransmitted.
        var granted = 2 * Math.Min(RecordingArguments.ReceiveBufferBytes, long.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), System.Globalization.CultureInfo.InvariantCulture));
        var buffers = await RecordingHarness.UdpReceiveBuffersAsync(session.CurrentProcess!.Pid);
        Assert.True(buffers.Count >= 2 && buffers.All(b => b >= granted), $"the recorder's RTP sockets' receive buffers {string.Join(", ", buffers)} (expected {granted} each)");

        var ended = Stopwatch.StartNew();
        harness.EndLesson();
        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.State == RecordingManifest.Finished, TimeSpan.FromSeconds(30), "the recording is finished");
        var toPlayable = ended.Elapsed;

        var playlist = Path.Combine(session.Folder, "camera.m3u8");
        var text = await File.ReadAllTextAsync(playlist);
        Assert.Contains("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", text, StringComparison.Ordinal);
        var duration = await HlsProbe.DurationAsync(playlist);
        Assert.True(Math.Abs(duration - seconds) <= 1, $"duration {duration} s of a {seconds} s lesson:\n{text}");
        await HlsProbe.AssertDecodesAsync(playlist);
        var seek = await HlsProbe.SeekFileAsync(playlist, seconds / 2);
        Assert.True(seek is { } at && at > seconds / 2 - 2.05 && at <= seconds / 2 + 0.05, $"a seek to {seconds / 2} s decodes a frame of its segment: {seek}");
        var (_, streams, _) = await HlsProbe.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", playlist);
        Assert.Contains("h264", streams, StringComparison.Ordinal);
        Assert.Contains("aac", streams, StringComparison.Ordinal);
        var manifest = RecordingManifest.Load(session.Folder)!;
        Assert.Single(manifest.Runs);
        Assert.Equal(PosterJob.FileName, manifest.Poster);
        Assert.True(new FileInfo(Path.Combine(session.Folder, PosterJob.FileName)).Length > 1000, "a poster image");
        Assert.False(manifest.Recovered);
        Assert.Null(harness.Recorder.RecordingOf(Infrastructure.RelayTestHost.Lesson));
        if (!OperatingSystem.IsWindows()) Assert.Equal(RecorderContext.FolderMode, File.GetUnixFileMode(session.Folder));
        Console.WriteLine($"recorder {codec}: end → playable VOD {toPlayable.TotalMilliseconds:0} ms, duration {duration:0.00} s of {seconds} s, " +
            $"ffmpeg {usage.CpuSeconds / seconds:0.000} cores over the lesson, peak RSS {usage.PeakRssKb / 1024.0:0.0} MB");
    }

    [Fact]
    public async Task An_ffmpeg_killed_mid_lesson_leaves_a_discontinuity_not_a_hole()
    {
        const double seconds = 16;
        await using var harness = await RecordingHarness.StartAsync(lowRendition: true); // the low copy must read across the discontinuity
        var session = await harness.StudioConnectsAsync("H264");
        harness.StartSending("H264", seconds);
        await Eventually.TrueAsync(() => HlsMediaPlaylist.ReadFile(Path.Combine(session.Folder, "run-1", "camera.m3u8")).Segments.Count >= 5,
            TimeSpan.FromSeconds(60), "run 1 wrote segments");
        var first = session.CurrentProcess!;
        Process.GetProcessById(first.Pid).Kill(); // SIGKILL: no chance to close the segment it was writing
        await Eventually.TrueAsync(() => session.CurrentProcess is { } p && p.Pid != first.Pid && session.SinkCount == 2, TimeSpan.FromSeconds(30), "run 2 reads the studio");
        await harness.SenderDoneAsync();
        harness.EndLesson();
        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.State == RecordingManifest.Finished, TimeSpan.FromSeconds(30), "the recording is finished");

        var playlist = Path.Combine(session.Folder, "camera.m3u8");
        var text = await File.ReadAllTextAsync(playlist);
        Assert.Contains("#EXT-X-DISCONTINUITY", text, StringComparison.Ordinal);
        Assert.Contains("run-2/", text, StringComparison.Ordinal);
        var composed = HlsMediaPlaylist.ReadFile(playlist);
        Assert.True(composed.Ended);
        var duration = await HlsProbe.DurationAsync(playlist);
        Assert.InRange(duration, seconds - 2, seconds + 1); // at most the one segment ffmpeg was writing when killed (1 s) and key-frame alignment
        Assert.Equal(2, RecordingManifest.Load(session.Folder)!.Runs.Count);
        var (code, _, errors) = await HlsProbe.RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", playlist, "-f", "null", "-");
        Assert.True(code == 0, errors);

        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.Low?.State is LowRendition.Ready or LowRendition.Failed,
            TimeSpan.FromSeconds(120), "the low copy is done");
        Assert.Equal(LowRendition.Ready, RecordingManifest.Load(session.Folder)!.Low!.State);
        var low = Path.Combine(session.Folder, LowRendition.Playlist);
        Assert.InRange(await HlsProbe.DurationAsync(low), duration - 1, duration + 1);
        await HlsProbe.AssertDecodesAsync(low);
        Console.WriteLine($"recorder kill: duration {duration:0.00} s of {seconds} s");
    }

    [Fact]
    public async Task A_recording_left_open_by_a_crash_is_finished_on_the_next_start()
    {
        await using var harness = await RecordingHarness.StartAsync();
        var session = await harness.StudioConnectsAsync("H264");
        harness.StartSending("H264", 8);
        await Eventually.TrueAsync(() => HlsMediaPlaylist.ReadFile(Path.Combine(session.Folder, "run-1", "camera.m3u8")).Segments.Count >= 4,
            TimeSpan.FromSeconds(60), "run 1 wrote segments");
        await harness.Recorder.AbandonAsync(); // the relay "crashes": ffmpeg killed, nothing finished
        var listed = HlsMediaPlaylist.ReadFile(Path.Combine(session.Folder, "run-1", "camera.m3u8"));
        Assert.Equal(RecordingManifest.Recording, RecordingManifest.Load(session.Folder)!.State);

        var catalog = new CatalogRecorder();
        using var restarted = new LessonRecorder(new RecordingOptions(), harness.Recorder.Root, harness.Host.Runtime.Rooms, harness.Host.Runtime.Counters,
            TimeProvider.System, new MediaRelayLog(Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaRelayLog>.Instance), catalog);
        await restarted.StartAsync(CancellationToken.None);
        await restarted.StopAsync(CancellationToken.None);

        var finished = Assert.Single(restarted.Recovered);
        Assert.True(finished.Recovered);
        Assert.Equal(session.RecordingId, Assert.Single(catalog.Finished).RecordingId);
        var manifest = RecordingManifest.Load(session.Folder)!;
        Assert.Equal(RecordingManifest.Finished, manifest.State);
        Assert.True(manifest.Recovered);
        var playlist = Path.Combine(session.Folder, "camera.m3u8");
        Assert.True(HlsMediaPlaylist.ReadFile(playlist).Ended);
        var duration = await HlsProbe.DurationAsync(playlist);
        Assert.InRange(duration, listed.Duration - 0.5, listed.Duration + 0.5);
        Assert.Equal(listed.Duration, finished.Duration.TotalSeconds, 2);
        await HlsProbe.AssertDecodesAsync(playlist);
    }

    [Fact]
    public async Task A_studio_lost_and_back_continues_the_recording_and_one_that_stays_away_is_closed_after_the_grace()
    {
        await using var harness = await RecordingHarness.StartAsync(graceSeconds: 3);
        var session = await harness.StudioConnectsAsync("H264");
        harness.StartSending("H264", 5);
        await harness.SenderDoneAsync();
        harness.LoseStudio(); // consent expired, not "end lesson"
        await Eventually.TrueAsync(() => session.Manifest.Runs is [{ Exit: not null }], TimeSpan.FromSeconds(20), "run 1 is stopped");
        Assert.Same(session, harness.Recorder.RecordingOf(Infrastructure.RelayTestHost.Lesson));
        Assert.Equal(RecordingManifest.Recording, RecordingManifest.Load(session.Folder)!.State);

        Assert.Same(session, await harness.StudioConnectsAsync("H264")); // back within the grace: the same recording, run 2
        harness.StartSending("H264", 5);
        await harness.SenderDoneAsync();
        harness.LoseStudio();
        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.State == RecordingManifest.Finished, TimeSpan.FromSeconds(30), "closed after the grace");

        var manifest = RecordingManifest.Load(session.Folder)!;
        Assert.Equal(2, manifest.Runs.Count);
        var playlist = Path.Combine(session.Folder, "camera.m3u8");
        var text = await File.ReadAllTextAsync(playlist);
        Assert.Contains("#EXT-X-DISCONTINUITY", text, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
        Assert.InRange(await HlsProbe.DurationAsync(playlist), 9, 11);
    }

    private sealed class CatalogRecorder : Contracts.Recordings.IRecordingCatalog
    {
        public List<Contracts.Recordings.RecordingFinished> Finished { get; } = [];

        public Task RecordingStartedAsync(Contracts.Recordings.RecordingStarted started, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RecordingFinishedAsync(Contracts.Recordings.RecordingFinished finished, CancellationToken cancellationToken)
        {
            lock (Finished) Finished.Add(finished);
            return Task.CompletedTask;
        }

        public Task RenditionStateAsync(Contracts.Recordings.RecordingRenditionState state, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The recorder's tests run one at a time: each runs two real-time ffmpegs on a 2-core machine.</summary>
[CollectionDefinition(nameof(RecordingCollection), DisableParallelization = true)]
public sealed class RecordingCollection;
