using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Tests.Rooms;

/// <summary>
/// A consumer writing plain RTP to a loopback UDP socket (the recorder's way into ffmpeg): the
/// studio's packets arrive unencrypted, on the sink's own SSRC and payload type, numbered
/// continuously from the first key frame.
/// </summary>
public sealed class PlainRtpSinkTests
{
    [Fact]
    public void A_plain_rtp_consumer_gets_the_studio_video_rewritten_for_its_track()
    {
        using var harness = new ForwardingHarness(players: 0, TimeProvider.System);
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = 5000;
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var track = new NegotiatedTrack("video", "rec-video", [new Protocols.Sdp.SdpCodec(102, "VP8", 90000, null, null, [])], 0x5EC0_0001, []);
        var sink = new PlainRtpSink(new UdpPath(sender, receiver.LocalEndPoint!.Serialize(), harness.Counters));
        var consumer = harness.Room.AttachConsumer(sink, new ConsumerPlan(ProducerSelector.Studio, null, track, null))!;

        var packet = new byte[300];
        for (ushort s = 1; s <= 20; s++)
        {
            var payload = new byte[200];
            payload[0] = 0x10;
            payload[1] = s == 5 ? (byte)0 : (byte)1; // the key frame comes at 5: 1–4 are not decodable and not sent
            var n = new RtpWriter(packet, 96, s, s * 3000u, 0xABCDEF, marker: true).Complete(payload);
            harness.Room.OnRtp(harness.Publisher, packet.AsSpan(0, n));
        }

        var buffer = new byte[2048];
        ushort? previous = null;
        for (var i = 0; i < 16; i++)
        {
            var got = receiver.Receive(buffer);
            Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, got), out var header), "plain RTP, not SRTP");
            Assert.Equal(102, header.PayloadType);
            Assert.Equal(0x5EC0_0001u, header.Ssrc);
            if (previous is { } p) Assert.Equal((ushort)(p + 1), header.SequenceNumber);
            previous = header.SequenceNumber;
        }

        Assert.Equal(16, sink.Stats.Packets);
        harness.Room.DetachConsumer(consumer);
        harness.Room.OnRtp(harness.Publisher, packet);
        Assert.Equal(16, sink.Stats.Packets);
    }
}
