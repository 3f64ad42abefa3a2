using Classroom.Testing.Media;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Ingest;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Recording;
using Classroom.MediaRelay.Tests.Infrastructure;
using Classroom.MediaRelay.Tests.Recording;
using Microsoft.Extensions.DependencyInjection;
using static Classroom.MediaRelay.Tests.Ingest.RtmpIngestTests;

namespace Classroom.MediaRelay.Tests.Ingest;

/// <summary>
/// A host pushing SRT (MPEG-TS, H.264 + AAC) with its stream key as the SRT stream id reaches a
/// WHEP player through the front; a wrong stream id is rejected in the handshake, before any
/// datagram reaches ffmpeg or a lesson. A recorded SRT lesson is seen by a player while it runs and
/// its VOD closes when the host shuts its SRT connection down.
/// </summary>
public sealed class SrtIngestTests
{
    private static FfmpegProcess Push(int port, string key, double? seconds = null) => FfmpegProcess.Start("ffmpeg",
    [
        "-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine",
        .. seconds is { } t ? (string[])["-t", t.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
        "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac",
        // A host retries a failed connect; this one instead waits longer for the bridge ffmpeg to start on a busy machine.
        "-f", "mpegts",
        $"srt://127.0.0.1:{port}?mode=caller&connect_timeout=10000&streamid={key}",
    ]);

    [Fact]
    public async Task An_srt_host_reaches_a_whep_player()
    {
        var (host, bridge) = await StartAsync(new StudioDirectoryStandIn(Key, RelayTestHost.Lesson), srt: true);
        await using var _ = host;
        using var pusher = Push(bridge.Ports.SrtPort!.Value, Key);
        await WaitUntilAsync(() => Studio(host) is not null, () => $"no studio producer; pusher: {pusher.Reason}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(),
            SessionRole.Player, CancellationToken.None);
        await WaitUntilAsync(() => player.AudioPackets >= 50 && player.VideoPackets >= 50,
            () => $"audio {player.AudioPackets}, video {player.VideoPackets}; pusher: {string.Join(" / ", pusher.LastLines)}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
        var status = bridge.StatusOf(StudioDirectoryStandIn.StudioId);
        Assert.Equal("srt", status.Protocol);
        Assert.True(status.Connected);
        Assert.True(status.PacketsOut > 0);
    }

    [Fact]
    public async Task An_srt_host_is_seen_by_a_whep_player_and_recorded_and_its_shutdown_closes_the_vod()
    {
        const double seconds = 15;
        var directory = new StudioDirectoryStandIn(Key, RelayTestHost.Lesson);
        var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MediaRelay:Ingest:Enabled"] = "true",
            ["MediaRelay:Ingest:RtmpPort"] = "0",
            ["MediaRelay:Ingest:SrtPort"] = "0",
            ["MediaRelay:Recording:Enabled"] = "true",
        }, services: s => s.AddSingleton<IStudioIngestDirectory>(directory));
        await using var _ = host;
        var bridge = host.Services.GetRequiredService<IngestBridge>();
        var recorder = host.Services.GetRequiredService<LessonRecorder>();

        // A push that ends on its own: ffmpeg closes its SRT socket, and libsrt sends the shutdown.
        using var pusher = Push(bridge.Ports.SrtPort!.Value, Key, seconds);
        await WaitUntilAsync(() => recorder.RecordingOf(RelayTestHost.Lesson) is not null, () => $"no recording; pusher: {pusher.Reason}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
        var folder = recorder.RecordingOf(RelayTestHost.Lesson)!.Folder;
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using (var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(),
            SessionRole.Player, CancellationToken.None))
        {
            await WaitUntilAsync(() => player.AudioPackets >= 50 && player.VideoPackets >= 50,
                () => $"audio {player.AudioPackets}, video {player.VideoPackets}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
            Assert.Equal("srt", bridge.StatusOf(StudioDirectoryStandIn.StudioId).Protocol);
        }

        Assert.Equal(0, await pusher.Exited.WaitAsync(TimeSpan.FromSeconds(90)));
        // Ended, not lost: the recording closes without waiting out the studio's grace (600 s).
        await WaitUntilAsync(() => RecordingManifest.Load(folder)?.State == RecordingManifest.Finished,
            () => $"manifest {RecordingManifest.Load(folder)?.State}; status {bridge.StatusOf(StudioDirectoryStandIn.StudioId)}");
        var playlist = Path.Combine(folder, "camera.m3u8");
        Assert.Contains("#EXT-X-ENDLIST", await File.ReadAllTextAsync(playlist), StringComparison.Ordinal);
        var duration = await HlsProbe.DurationAsync(playlist);
        Assert.InRange(duration, seconds - 6, seconds + 0.5); // the recording starts once the bridge's first packets reach the studio producer
        await HlsProbe.AssertDecodesAsync(playlist);
        var (_, streams, _) = await HlsProbe.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", playlist);
        Assert.Contains("h264", streams, StringComparison.Ordinal);
        Assert.Contains("aac", streams, StringComparison.Ordinal);
        Console.WriteLine($"srt recorded: VOD {duration:0.00} s of a {seconds} s push");
    }

    [Fact]
    public async Task A_wrong_stream_id_is_rejected_in_the_handshake()
    {
        var (host, bridge) = await StartAsync(new StudioDirectoryStandIn(Key, RelayTestHost.Lesson), srt: true);
        await using var _ = host;
        using var pusher = Push(bridge.Ports.SrtPort!.Value, "not-the-key");
        Assert.NotEqual(0, await pusher.Exited.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Null(Studio(host));
        Assert.Null(bridge.FeedOf(StudioDirectoryStandIn.StudioId));
        Assert.Contains("wrong or rotated stream key (srt", bridge.StatusOf(StudioDirectoryStandIn.StudioId).LastRefusal, StringComparison.Ordinal);
    }
}
