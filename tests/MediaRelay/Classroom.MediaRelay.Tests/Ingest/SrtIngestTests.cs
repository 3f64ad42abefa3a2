using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;
using static Classroom.MediaRelay.Tests.Ingest.RtmpIngestTests;

namespace Classroom.MediaRelay.Tests.Ingest;

/// <summary>
/// A host pushing SRT (MPEG-TS, H.264 + AAC) with its stream key as the SRT stream id reaches a
/// WHEP player through the front; a wrong stream id is rejected in the handshake, before any
/// datagram reaches ffmpeg or a lesson.
/// </summary>
public sealed class SrtIngestTests
{
    private static FfmpegProcess Push(int port, string key) => FfmpegProcess.Start("ffmpeg",
    [
        "-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine",
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
