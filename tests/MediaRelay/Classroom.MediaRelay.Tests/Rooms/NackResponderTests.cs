using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class NackResponderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private static byte[] Video(ushort sequence)
    {
        var packet = new byte[200];
        var payload = new byte[188];
        payload[0] = 0x10;
        payload[1] = sequence == 1 ? (byte)0x00 : (byte)0x01; // VP8: a key frame first (players start there), then inter frames
        payload[2] = (byte)sequence;
        new RtpWriter(packet, 96, sequence, 3000u * sequence, 0xABCDEF, marker: true).Complete(payload);
        return packet;
    }

    private static byte[] Nack(uint mediaSsrc, params ushort[] lost)
    {
        var buffer = new byte[RtcpNack.GetWriteLength(lost)];
        RtcpNack.Write(buffer, senderSsrc: 77, mediaSsrc, lost);
        return buffer;
    }

    [Fact]
    public void A_players_nack_is_answered_from_the_cache_with_the_same_protected_packet_on_its_own_ssrc()
    {
        using var harness = new ForwardingHarness(players: 2, _time);
        harness.PlayerPaths[0].Keep = true;
        for (ushort s = 1; s <= 20; s++) harness.Room.OnRtp(harness.Publisher, Video(s));
        var player = harness.Players[0];
        var sentBefore = harness.PlayerPaths[1].Sent;

        harness.Room.OnRtcp(player, Nack(1000, 5, 6, 500));

        var datagrams = harness.PlayerPaths[0].Datagrams;
        Assert.Equal(22, datagrams.Count);
        // Same key, index and plaintext: the retransmission is byte for byte the packet that was lost.
        Assert.Equal(datagrams[4], datagrams[20]);
        Assert.Equal(datagrams[5], datagrams[21]);
        var srtp = harness.PeerSrtp(player);
        var copy = datagrams[20].ToArray();
        Assert.True(srtp.TryUnprotectRtp(copy, out var n));
        Assert.True(RtpHeader.TryRead(copy.AsSpan(0, n), out var header));
        Assert.Equal((1000u, (ushort)5, (byte)5), (header.Ssrc, header.SequenceNumber, header.Payload[2]));
        Assert.Equal(sentBefore, harness.PlayerPaths[1].Sent); // only the asking player
        Assert.Equal((1, 2, 1), (harness.Room.Counters.NacksReceived, harness.Room.Counters.Retransmitted, harness.Room.Counters.RetransmitMisses));
        Assert.Equal((1, 2, 22), (player.Stats.NacksReceived, player.Stats.Retransmitted, player.Stats.Packets));
    }

    [Fact]
    public void A_nack_for_another_ssrc_or_before_any_video_is_ignored()
    {
        using var harness = new ForwardingHarness(players: 1, _time);
        harness.Room.OnRtcp(harness.Players[0], Nack(1000, 1));
        harness.Room.OnRtp(harness.Publisher, Video(1));
        harness.Room.OnRtcp(harness.Players[0], Nack(4242, 1));
        Assert.Equal(1, harness.PlayerPaths[0].Sent);
        Assert.Equal(0, harness.Room.Counters.Retransmitted);
    }

    [Fact]
    public void The_relays_own_loss_on_the_publishers_video_is_nacked_to_the_publisher()
    {
        using var harness = new ForwardingHarness(players: 1, _time);
        harness.PublisherPath.Keep = true;
        harness.Room.OnRtp(harness.Publisher, Video(1));
        harness.Room.OnRtp(harness.Publisher, Video(4));
        Assert.Equal(1, harness.Room.Counters.NacksSent);

        var srtcp = harness.PublisherPath.Datagrams[^1].ToArray();
        Assert.True(harness.PeerSrtp(harness.Publisher).TryUnprotectRtcp(srtcp, out var n));
        var reader = new RtcpCompoundReader(srtcp.AsSpan(0, n));
        Assert.True(reader.TryReadNext(out var packet));
        Assert.True(RtcpNack.TryRead(packet, out var nack));
        Assert.Equal(0xABCDEFu, nack.MediaSsrc);
        var lost = new ushort[17];
        Assert.Equal([2, 3], lost[..RtcpNack.GetLostSequenceNumbers(nack.Fci, lost)]);

        harness.Room.OnRtp(harness.Publisher, Video(5)); // before the retry interval: nothing new
        Assert.Equal(1, harness.Room.Counters.NacksSent);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        harness.Room.OnRtp(harness.Publisher, Video(6));
        Assert.Equal(2, harness.Room.Counters.NacksSent);
    }
}
