using Classroom.Testing.Media;
using System.Diagnostics;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Ingest;
using Classroom.MediaRelay.Recording;
using Classroom.MediaRelay.Tests.Recording;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.MediaRelay.Tests.Ingest;

/// <summary>
/// A hardware recording host, played by ffmpeg pushing RTMP (H.264 + AAC, as such hosts send),
/// reaches a WHEP player through the bridge as the lesson's studio; a wrong key is refused before
/// any media reaches a lesson; a killed bridge ffmpeg is restarted while the host stays connected.
/// </summary>
public sealed class RtmpIngestTests
{
    internal const string Key = "0123456789abcdef0123456789abcdef";

    internal static async Task<(RelayTestHost Host, IngestBridge Bridge)> StartAsync(StudioDirectoryStandIn directory, bool srt = false)
    {
        var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MediaRelay:Ingest:Enabled"] = "true",
            ["MediaRelay:Ingest:RtmpPort"] = "0",
            ["MediaRelay:Ingest:SrtPort"] = srt ? "0" : "-1",
        }, services: s => s.AddSingleton<IStudioIngestDirectory>(directory));
        return (host, host.Services.GetRequiredService<IngestBridge>());
    }

    /// <summary>The recording host: testsrc2 + sine as H.264/AAC over RTMP, until disposed.</summary>
    private static FfmpegProcess Push(int port, string key) => FfmpegProcess.Start("ffmpeg",
    [
        "-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine",
        "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-f", "flv", $"rtmp://127.0.0.1:{port}/live/{key}",
    ]);

    [Fact]
    public async Task An_rtmp_host_is_recorded_and_its_clean_stop_closes_the_vod_at_once()
    {
        var directory = new StudioDirectoryStandIn(Key, RelayTestHost.Lesson);
        var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MediaRelay:Ingest:Enabled"] = "true",
            ["MediaRelay:Ingest:RtmpPort"] = "0",
            ["MediaRelay:Ingest:SrtPort"] = "-1",
            ["MediaRelay:Recording:Enabled"] = "true",
        }, services: s => s.AddSingleton<IStudioIngestDirectory>(directory));
        await using var _ = host;
        var bridge = host.Services.GetRequiredService<IngestBridge>();
        var recorder = host.Services.GetRequiredService<LessonRecorder>();

        // A 12 s push that ends on its own: ffmpeg closes an RTMP publish with FCUnpublish and deleteStream.
        using var pusher = FfmpegProcess.Start("ffmpeg",
        [
            "-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine", "-t", "12",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac",
            "-f", "flv", $"rtmp://127.0.0.1:{bridge.Ports.RtmpPort!.Value}/live/{Key}",
        ]);
        await WaitUntilAsync(() => recorder.RecordingOf(RelayTestHost.Lesson) is not null, () => $"no recording; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
        var folder = recorder.RecordingOf(RelayTestHost.Lesson)!.Folder;
        await pusher.Exited.WaitAsync(TimeSpan.FromSeconds(90));

        // Ended, not lost: the recording closes without waiting out the studio's grace (600 s).
        await WaitUntilAsync(() => RecordingManifest.Load(folder)?.State == RecordingManifest.Finished, () => $"manifest {RecordingManifest.Load(folder)?.State}");
        var playlist = Path.Combine(folder, "camera.m3u8");
        Assert.Contains("#EXT-X-ENDLIST", await File.ReadAllTextAsync(playlist), StringComparison.Ordinal);
        var duration = await HlsProbe.DurationAsync(playlist);
        Assert.InRange(duration, 6, 12.5); // the recording starts once the bridge's first packets reach the studio producer
        await HlsProbe.AssertDecodesAsync(playlist);
    }

    internal static Producer? Studio(RelayTestHost host) =>
        host.Runtime.Rooms.TryGet(RelayTestHost.Lesson, out var router) ? router!.ProducerOf(ProducerIds.Studio) : null;

    [Fact]
    public async Task An_rtmp_host_reaches_a_whep_player_and_a_killed_bridge_ffmpeg_is_restarted()
    {
        var directory = new StudioDirectoryStandIn(Key, RelayTestHost.Lesson);
        var (host, bridge) = await StartAsync(directory);
        await using var _ = host;
        using var pusher = Push(bridge.Ports.RtmpPort!.Value, Key);
        await WaitUntilAsync(() => Studio(host) is not null, () => $"no studio producer; pusher: {pusher.Reason}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
        var status = bridge.StatusOf(StudioDirectoryStandIn.StudioId);
        Assert.True(status.Connected);
        Assert.Equal("rtmp", status.Protocol);
        Assert.Equal(RelayTestHost.Lesson, status.LessonId);

        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(),
            SessionRole.Player, CancellationToken.None);
        await WaitUntilAsync(() => player.AudioPackets >= 50 && player.VideoPackets >= 50,
            () => $"audio {player.AudioPackets}, video {player.VideoPackets}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");

        // SIGKILL the bridge's ffmpeg: the supervisor starts another run, the host stays connected,
        // the player keeps receiving and the status says why the run ended.
        var feed = bridge.FeedOf(StudioDirectoryStandIn.StudioId)!;
        var first = feed.CurrentFfmpeg!;
        Process.GetProcessById(first.Pid).Kill();
        await WaitUntilAsync(() => feed.FfmpegRuns >= 2 && feed.CurrentFfmpeg is { } p && p.Pid != first.Pid, () => $"runs {feed.FfmpegRuns}");
        var video = player.VideoPackets;
        var audio = player.AudioPackets;
        await WaitUntilAsync(() => player.VideoPackets >= video + 50 && player.AudioPackets >= audio + 50,
            () => $"after restart: audio {player.AudioPackets - audio}, video {player.VideoPackets - video}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
        status = bridge.StatusOf(StudioDirectoryStandIn.StudioId);
        Assert.True(status.Connected);
        Assert.NotNull(status.LastExitReason);
        Assert.NotNull(status.LastExitAt);
        Assert.True(status.BytesIn > 0 && status.PacketsOut > 0);
        Assert.False(pusher.Exited.IsCompleted, "the host's connection survives a bridge restart");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_before_any_media_reaches_the_lesson()
    {
        var directory = new StudioDirectoryStandIn(Key, RelayTestHost.Lesson);
        var (host, bridge) = await StartAsync(directory);
        await using var _ = host;
        using var pusher = Push(bridge.Ports.RtmpPort!.Value, "not-the-key");
        var code = await pusher.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Null(Studio(host));
        var status = bridge.StatusOf(StudioDirectoryStandIn.StudioId);
        Assert.False(status.Connected);
        Assert.Contains("wrong or rotated stream key", status.LastRefusal, StringComparison.Ordinal);

        // The right key while the studio holds no lesson: refused too, with that reason.
        directory.Lesson = null;
        using var early = Push(bridge.Ports.RtmpPort!.Value, Key);
        Assert.NotEqual(0, await early.Exited.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("no lesson", bridge.StatusOf(StudioDirectoryStandIn.StudioId).LastRefusal, StringComparison.Ordinal);
        Assert.Null(Studio(host));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, Func<string> state)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) Assert.Fail("condition not met within 60 s: " + state());
            await Task.Delay(50);
        }
    }
}
