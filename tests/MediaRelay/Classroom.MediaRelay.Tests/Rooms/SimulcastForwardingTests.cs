using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.MediaRelay.Tests.Rooms;

/// <summary>
/// The fan-out with a simulcast studio (three layers named by RID header extensions) and players
/// that negotiated RTX, abs-send-time and REMB: layer learning, switching only on a keyframe of the
/// target layer, RTX retransmissions, the relay's own header extension, and RTCP driving the layer.
/// </summary>
public sealed class SimulcastForwardingTests
{
    private const int RidId = 10;
    private const int AbsSendTimeId = 3;
    private static readonly SdpCodec Rtx = new(97, "rtx", 90000, null, "apt=96", []);
    private static readonly uint[] LayerSsrcs = [0x1000, 0x2000, 0x3000];
    private static readonly string[] Rids = ["l", "m", "h"];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly ushort[] _sequences = [100, 5000, 30000];

    private static NegotiatedTrack Track(SessionRole role, uint ssrc) => role == SessionRole.Publisher
        ? new NegotiatedTrack("video", "0", [ForwardingHarness.Vp8], ssrc, []) { SimulcastRids = Rids, RidExtensionId = RidId }
        : new NegotiatedTrack("video", "0", [ForwardingHarness.Vp8], ssrc, [])
        {
            RtxCodecs = [Rtx], RtxSsrc = ssrc + 500, AbsSendTimeExtensionId = AbsSendTimeId, SupportsRemb = true,
        };

    private ForwardingHarness NewHarness() => new(players: 0, _time, videoTrack: Track);

    /// <summary>One packet of a layer; the first packets of a stream carry its rid (as Chromium's do).</summary>
    private byte[] Packet(int layer, bool keyframe, uint frame, bool withRid = true)
    {
        var packet = new byte[300];
        var payload = new byte[100];
        payload[0] = 0x10;
        payload[1] = keyframe ? (byte)0x00 : (byte)0x01;
        payload[2] = (byte)layer;
        var writer = new RtpWriter(packet, 96, _sequences[layer]++, 3000u * frame, LayerSsrcs[layer], marker: true);
        if (withRid) writer.AddExtension(RidId, "lmh"u8.Slice(layer, 1));
        var n = writer.Complete(payload);
        return packet[..n];
    }

    private void AllLayers(ForwardingHarness harness, bool keyframe, uint frame)
    {
        for (var layer = 0; layer < 3; layer++) harness.Room.OnRtp(harness.Publisher, Packet(layer, keyframe, frame));
    }

    private static List<byte[]> Plain(ForwardingHarness harness, int player)
    {
        var srtp = harness.PeerSrtp(harness.Players[player]);
        return harness.PlayerPaths[player].Datagrams.Select(d =>
        {
            var copy = d.ToArray();
            Assert.True(srtp.TryUnprotectRtp(copy, out var n));
            return copy[..n];
        }).ToList();
    }

    private static int LayerOf(byte[] plain) => RtpHeader.TryRead(plain, out var h) ? h.Payload[2] : -1;

    private static bool HasPli(ForwardingHarness harness, uint mediaSsrc)
    {
        var srtp = harness.PeerSrtp(harness.Publisher);
        foreach (var datagram in harness.PublisherPath.Datagrams)
        {
            var copy = datagram.ToArray();
            if (!srtp.TryUnprotectRtcp(copy, out var n)) continue;
            var reader = new RtcpCompoundReader(copy.AsSpan(0, n));
            while (reader.TryReadNext(out var packet))
            {
                if (packet.PacketType == RtcpPacketType.PayloadFeedback && packet.Format == RtcpFeedbackFormat.PictureLossIndication
                    && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.Body[4..]) == mediaSsrc) return true;
            }
        }

        return false;
    }

    [Fact]
    public void A_player_gets_one_layer_and_moves_to_its_target_only_at_that_layers_keyframe()
    {
        using var harness = NewHarness();
        harness.PublisherPath.Keep = true;
        AllLayers(harness, keyframe: true, frame: 1);
        var player = harness.AddPlayer(keep: true);
        var feed = player.Feed!;
        Assert.Equal(1, feed.TargetLayer); // nothing measured yet: the middle layer
        AllLayers(harness, keyframe: false, frame: 2);

        feed.TargetLayer = 2;
        AllLayers(harness, keyframe: false, frame: 3); // high has no keyframe yet: still low, and one is asked for
        Assert.True(HasPli(harness, LayerSsrcs[2]));
        Assert.False(HasPli(harness, LayerSsrcs[1]));
        AllLayers(harness, keyframe: true, frame: 4);
        AllLayers(harness, keyframe: false, frame: 5);

        var got = Plain(harness, 0);
        Assert.Equal([1, 1, 1, 1, 2, 2], got.Select(LayerOf).ToArray());
        Assert.Equal(2, feed.CurrentLayer);
        var headers = got.Select(p => { Assert.True(RtpHeader.TryRead(p, out var h)); return (h.Ssrc, h.SequenceNumber, h.Timestamp); }).ToArray();
        Assert.All(headers, h => Assert.Equal(player.TrackOfKind("video")!.LocalSsrc, h.Ssrc));
        Assert.All(headers.Zip(headers.Skip(1)), p => Assert.Equal((ushort)(p.First.SequenceNumber + 1), p.Second.SequenceNumber));
        Assert.All(headers.Zip(headers.Skip(1)), p => Assert.InRange(p.Second.Timestamp - p.First.Timestamp, 1u, 0x7FFF_FFFFu));

        // The relay's abs-send-time replaces the studio's extensions (its rid id means nothing to the player).
        Assert.All(got, p =>
        {
            Assert.True(RtpHeaderExtensions.TryFind(p, AbsSendTimeId, out var value));
            Assert.Equal(3, value.Length);
            Assert.False(RtpHeaderExtensions.TryFind(p, RidId, out _));
        });
    }

    [Fact]
    public void A_player_that_asked_for_the_low_layer_never_gets_more_even_when_low_stops()
    {
        using var harness = NewHarness();
        AllLayers(harness, keyframe: true, frame: 1);
        var player = harness.AddPlayer(keep: true, maxLayer: 0);
        player.Feed!.TargetLayer = 2; // whatever the estimate says, the ceiling holds
        AllLayers(harness, keyframe: true, frame: 2);
        AllLayers(harness, keyframe: false, frame: 3);
        Assert.All(Plain(harness, 0), p => Assert.Equal(0, LayerOf(p)));

        // The studio stops the low layer: the player waits rather than getting a layer above its ceiling.
        _time.Advance(TimeSpan.FromSeconds(3));
        harness.Room.OnRtp(harness.Publisher, Packet(1, keyframe: true, frame: 4));
        harness.Room.OnRtp(harness.Publisher, Packet(2, keyframe: true, frame: 4));
        harness.Room.Tick(); // low silent for 3 s: no longer running
        var before = harness.PlayerPaths[0].Sent;
        harness.Room.OnRtp(harness.Publisher, Packet(1, keyframe: true, frame: 5));
        harness.Room.OnRtp(harness.Publisher, Packet(2, keyframe: true, frame: 5));
        Assert.Equal(before, harness.PlayerPaths[0].Sent);
        Assert.Equal(0, harness.Studio.EffectiveLayer(2, ceiling: 0));
        Assert.Equal(1, harness.Studio.EffectiveLayer(0)); // a player without a ceiling would move up
    }

    [Fact]
    public void Streams_are_placed_by_their_rid_and_a_stream_without_one_waits()
    {
        using var harness = NewHarness();
        var player = harness.AddPlayer(keep: true);
        harness.Room.OnRtp(harness.Publisher, Packet(0, keyframe: true, frame: 1, withRid: false)); // unknown stream: dropped
        Assert.Equal(0, harness.PlayerPaths[0].Sent);
        harness.Room.OnRtp(harness.Publisher, Packet(0, keyframe: true, frame: 2));
        harness.Room.OnRtp(harness.Publisher, Packet(0, keyframe: false, frame: 3, withRid: false)); // known by its SSRC now
        Assert.Equal(2, harness.PlayerPaths[0].Sent);
        Assert.Equal(0, player.Feed!.CurrentLayer);
    }

    [Fact]
    public void A_nack_is_answered_with_rtx_on_the_players_rtx_ssrc()
    {
        using var harness = NewHarness();
        var player = harness.AddPlayer(keep: true);
        for (uint frame = 1; frame <= 4; frame++) harness.Room.OnRtp(harness.Publisher, Packet(0, keyframe: frame == 1, frame: frame));
        var sent = Plain(harness, 0);
        Assert.True(RtpHeader.TryRead(sent[2], out var lost));

        var nack = new byte[RtcpNack.GetWriteLength([lost.SequenceNumber])];
        RtcpNack.Write(nack, 77, player.TrackOfKind("video")!.LocalSsrc, [lost.SequenceNumber]);
        harness.Room.OnRtcp(player, nack);

        var rtx = Plain(harness, 0)[^1];
        Assert.True(RtpHeader.TryRead(rtx, out var header));
        Assert.Equal(player.TrackOfKind("video")!.RtxSsrc, header.Ssrc);
        Assert.Equal(97, header.PayloadType);
        Assert.Equal(lost.SequenceNumber, System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(header.Payload));
        Assert.Equal(lost.Payload.ToArray(), header.Payload[2..].ToArray()); // the original payload after the OSN
        Assert.Equal(1, harness.Room.Counters.Retransmitted);

        // A leg that reports > 2 % loss gets each retransmission twice (own RTX numbers, same OSN).
        player.Stats.OnReceiverReport(fractionLost: 13, cumulativeLost: 5); // 5 %
        var before = harness.PlayerPaths[0].Sent;
        harness.Room.OnRtcp(player, nack);
        var copies = Plain(harness, 0).Skip(before).ToList();
        Assert.Equal(2, copies.Count);
        var lostSequence = lost.SequenceNumber;
        var rtxNumbers = copies.Select(c =>
        {
            Assert.True(RtpHeader.TryRead(c, out var h));
            Assert.Equal(lostSequence, System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(h.Payload));
            return h.SequenceNumber;
        }).ToArray();
        Assert.Equal((ushort)(rtxNumbers[0] + 1), rtxNumbers[1]);
    }

    [Fact]
    public void Measured_layer_rates_let_a_clean_player_climb_and_receiver_report_loss_sends_it_down()
    {
        using var harness = NewHarness();
        var player = harness.AddPlayer();
        var feed = player.Feed!;
        for (uint frame = 1; frame <= 30; frame++) AllLayers(harness, keyframe: frame == 1, frame);
        _time.Advance(TimeSpan.FromSeconds(1));
        harness.Room.Tick();
        Assert.All(harness.Studio.LayerBitrates.ToArray(), bps => Assert.True(bps > 0));
        Assert.Equal(1, feed.TargetLayer);

        for (var second = 0; second < 4; second++)
        {
            AllLayers(harness, keyframe: false, frame: 40u + (uint)second);
            _time.Advance(TimeSpan.FromSeconds(1));
            harness.Room.Tick();
        }

        Assert.True(feed.TargetLayer == 2, $"a clean player probes up (target {feed.TargetLayer})");
        _time.Advance(TimeSpan.FromSeconds(2));
        var rr = new byte[64];
        var n = RtcpReceiverReport.Write(rr, 77, [new RtcpReportBlock(player.TrackOfKind("video")!.LocalSsrc, 80, 10, 1000, 0, 0, 0)]);
        harness.Room.OnRtcp(player, rr.AsSpan(0, n).ToArray());
        Assert.Equal(0, feed.TargetLayer); // 80/256 ≈ 31 % loss: congestion, straight to the lowest layer
        Assert.Equal(80 / 256.0, player.Stats.FractionLost); // and the player's loss metrics
        Assert.Equal(10, player.Stats.CumulativeLost);
    }
}
