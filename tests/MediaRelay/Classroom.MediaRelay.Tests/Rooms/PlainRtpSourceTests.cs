using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Rooms;

/// <summary>
/// A producer fed by plain RTP on a loopback port (how the RTMP/SRT bridge's ffmpeg will feed the
/// studio): a WebRTC player receives its audio and video like a WHIP studio's; datagrams that
/// are not RTP of a known payload type are counted and dropped.
/// </summary>
public sealed class PlainRtpSourceTests
{
    [Fact]
    public async Task A_plain_rtp_studio_reaches_a_webrtc_player_and_garbage_is_counted()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var router = host.Runtime.Rooms.GetOrCreate(RelayTestHost.Lesson);
        using var source = new PlainRtpSource([
            new NegotiatedTrack("audio", "a", [new SdpCodec(111, "opus", 48000, 2, null, [])], 0, []),
            new NegotiatedTrack("video", "v", [new SdpCodec(96, "VP8", 90000, null, null, [])], 0, []),
        ]);
        var producer = router.AttachSource(ProducerIds.Studio, source)!;
        source.Start(producer);
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(),
            SessionRole.Player, CancellationToken.None);
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 1);
        await NonBrowserClientTests.WaitUntilAsync(() => Serves(router, producer));

        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(source.EndPoint);
        var packet = new byte[700];
        var payload = new byte[600];
        for (ushort i = 0; i < 60; i++)
        {
            var n = new RtpWriter(packet, 111, i, i * 960u, 0xA0D10, marker: false).Complete(payload.AsSpan(0, 80));
            sender.Send(packet.AsSpan(0, n));
            payload[0] = 0x10;
            payload[1] = i % 30 == 0 ? (byte)0 : (byte)1;
            n = new RtpWriter(packet, 96, i, i * 3000u, 0x51DE0, marker: true).Complete(payload);
            sender.Send(packet.AsSpan(0, n));
            if (i % 10 == 9) await Task.Delay(5);
        }

        sender.Send(new byte[] { 0x80, 50, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 }); // RTP of a payload type no track has
        sender.Send(new byte[] { 22, 254, 253 }); // not RTP at all
        await NonBrowserClientTests.WaitUntilAsync(() => player.AudioPackets >= 60 && player.VideoPackets >= 60 && source.Dropped >= 2);
        Assert.Equal(60, player.AudioPackets);
        Assert.Equal(60, player.VideoPackets);
        Assert.Equal(2, source.Dropped);

        router.DetachSource(producer, source);
        Assert.Null(router.ProducerOf(ProducerIds.Studio));
    }

    [Fact]
    public async Task A_sender_restarted_under_the_same_ssrc_behind_its_last_sequence_still_reaches_the_player()
    {
        // The bridge's ffmpeg restarted with the SSRC of its previous run and a random new start
        // behind the last number sent: the player's SRTP replay window would take every packet as old.
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var router = host.Runtime.Rooms.GetOrCreate(RelayTestHost.Lesson);
        NegotiatedTrack[] tracks = [new NegotiatedTrack("audio", "a", [new SdpCodec(111, "opus", 48000, 2, null, [])], 0, [])];
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(),
            SessionRole.Player, CancellationToken.None);

        async Task RunAsync(ushort first, int count, long expected)
        {
            using var source = new PlainRtpSource(tracks);
            var producer = router.AttachSource(ProducerIds.Studio, source)!;
            source.Start(producer);
            await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 1);
            await NonBrowserClientTests.WaitUntilAsync(() => Serves(router, producer));
            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.Connect(source.EndPoint);
            var packet = new byte[200];
            for (var i = 0; i < count; i++)
            {
                var sequence = (ushort)(first + i);
                var n = new RtpWriter(packet, 111, sequence, sequence * 960u, 0xA0D10, marker: false).Complete(new byte[80]);
                sender.Send(packet.AsSpan(0, n));
                if (i % 10 == 9) await Task.Delay(5);
            }

            await NonBrowserClientTests.WaitUntilAsync(() => player.AudioPackets >= expected);
            router.DetachSource(producer, source);
        }

        await RunAsync(3000, 100, 100);
        await RunAsync(200, 60, 159); // the first of the new run is held (a stray or a restart?), the rest play
        Assert.Equal(159, player.AudioPackets);
    }

    /// <summary>
    /// The player's consumer is served by this producer and its sink is ready: packets from now on
    /// reach it (the session reads as connected a moment before the fan-out takes it over; a packet
    /// in between is rightly not sent to a player that was not there yet).
    /// </summary>
    private static bool Serves(Router router, Producer producer) =>
        router.Consumers.Any(c => ReferenceEquals(c.Served?.Producer, producer) && c.Sink.IsReady);
}
