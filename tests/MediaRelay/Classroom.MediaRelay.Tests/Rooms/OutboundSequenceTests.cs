using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class OutboundSequenceTests
{
    [Fact]
    public void A_new_source_continues_one_packet_and_one_frame_later()
    {
        var outbound = new OutboundSequence();
        Assert.Equal(((ushort)65535, 90_000u), Map(outbound, 1, 65535, 90_000));
        Assert.Equal(((ushort)0, 93_000u), Map(outbound, 1, 0, 93_000)); // wraps like the source

        // Reloaded studio: new SSRC, sequence and timestamp from elsewhere in the number space.
        Assert.Equal(((ushort)1, 96_000u), Map(outbound, 2, 40_000, 7));
        Assert.Equal(((ushort)2, 99_000u), Map(outbound, 2, 40_001, 3_007));

        // A late packet of the new source maps behind without moving the stream's head.
        Assert.Equal(((ushort)0, 93_000u), Map(outbound, 2, 39_999, uint.MaxValue - 2_992));
        Assert.Equal(((ushort)3, 102_000u), Map(outbound, 2, 40_002, 6_007));
    }

    [Fact]
    public void A_source_restarted_under_the_same_ssrc_behind_the_head_continues_after_one_held_packet()
    {
        // An RTMP bridge's ffmpeg ran to sequence 3000 and was restarted with the same SSRC; the new
        // run starts at random, here 200 (2800 behind): the player would take it all as old.
        var outbound = new OutboundSequence();
        for (ushort s = 0; s <= 3000; s++) Map(outbound, 7, s, s * 960u, 960);
        Assert.False(outbound.TryMap(7, 200, 5_000, 960, out _, out _)); // held: a stray, or a restart?
        Assert.Equal(((ushort)3001, 3001 * 960u), Map(outbound, 7, 201, 5_960, 960)); // it follows: a restart
        Assert.Equal(((ushort)3002, 3002 * 960u), Map(outbound, 7, 202, 6_920, 960));
        Assert.True(outbound.TryUnmap(3002, out var ssrc, out var source));
        Assert.Equal((7u, (ushort)202), (ssrc, source));
    }

    [Fact]
    public void A_stray_packet_far_behind_is_held_and_the_stream_goes_on_unchanged()
    {
        var outbound = new OutboundSequence();
        for (ushort s = 1000; s <= 2000; s++) Map(outbound, 7, s, s * 3000u);
        Assert.False(outbound.TryMap(7, 500, 500 * 3000u, 3000, out _, out _));
        Assert.Equal(((ushort)2001, 2001 * 3000u), Map(outbound, 7, 2001, 2001 * 3000u));
        // Its follower arriving later is not a restart either: the probe ended with the good packet.
        Assert.False(outbound.TryMap(7, 501, 501 * 3000u, 3000, out _, out _));
        Assert.Equal(((ushort)2002, 2002 * 3000u), Map(outbound, 7, 2002, 2002 * 3000u));
        // Reordered within the window is still passed on, behind the head.
        Assert.Equal(((ushort)1950, 1950 * 3000u), Map(outbound, 7, 1950, 1950 * 3000u));
    }

    [Fact]
    public void Late_retransmissions_far_back_in_sequence_but_near_in_time_are_passed_on_and_do_not_rebase_the_stream()
    {
        // A fast video layer (~250 packets/s, several per frame): the publisher resends two lost packets
        // on the media SSRC 160 packets (0.6 s) late. They are old for the sequence, not for the clock.
        var outbound = new OutboundSequence();
        for (ushort s = 1000; s <= 1400; s++) Map(outbound, 9, s, (uint)(s / 8) * 3000u);
        Assert.Equal(((ushort)1240, 1240 / 8 * 3000u), Map(outbound, 9, 1240, 1240 / 8 * 3000u));
        Assert.Equal(((ushort)1241, 1241 / 8 * 3000u), Map(outbound, 9, 1241, 1241 / 8 * 3000u));
        Assert.Equal(((ushort)1401, 1401 / 8 * 3000u), Map(outbound, 9, 1401, 1401 / 8 * 3000u));
    }

    [Fact]
    public void A_jump_ahead_under_the_same_ssrc_is_passed_on_as_a_gap()
    {
        var outbound = new OutboundSequence();
        Map(outbound, 7, 100, 0);
        Assert.Equal(((ushort)20_000, 90_000u), Map(outbound, 7, 20_000, 90_000));
        Assert.Equal(((ushort)20_001, 93_000u), Map(outbound, 7, 20_001, 93_000));
    }

    private static (ushort, uint) Map(OutboundSequence outbound, uint ssrc, ushort sequence, uint timestamp, uint frameTicks = 3000)
    {
        Assert.True(outbound.TryMap(ssrc, sequence, timestamp, frameTicks, out var s, out var t), $"packet {sequence} held");
        return (s, t);
    }
}
