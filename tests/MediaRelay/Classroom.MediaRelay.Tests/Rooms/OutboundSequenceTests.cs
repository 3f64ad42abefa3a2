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

    [Fact]
    public void A_replayed_picture_group_is_compressed_into_its_span_before_the_join_and_live_frames_keep_their_own_spacing()
    {
        // 10 s of a 30 fps group (frames 3000 ticks apart) replayed in 0.3 s: its timestamps end where
        // the newest frame at the join is and start 0.3 s (27,000 ticks) before it, evenly.
        var outbound = new OutboundSequence();
        outbound.StartReplay(new ReplayTimeline(5, From: 1_000_000, To: 1_900_000, Span: 27_000));
        var mapped = Enumerable.Range(0, 301).Select(f => Map(outbound, 5, (ushort)(100 + f), 1_000_000 + (uint)f * 3000).Item2).ToArray();
        Assert.Equal(1_900_000u - 27_000, mapped[0]); // the keyframe
        Assert.Equal(1_900_000u, mapped[300]); // the newest frame at the join keeps its own timestamp
        Assert.All(mapped.Zip(mapped.Skip(1)), p => Assert.Equal(90u, p.Second - p.First));
        Assert.Equal(((ushort)401, 1_903_000u), Map(outbound, 5, 401, 1_903_000)); // live: its own spacing

        // A retransmission of a replayed packet carries the timestamp it was first sent with.
        Assert.Equal(((ushort)110, mapped[10]), outbound.MapAgain(5, 110, 1_000_000 + 10 * 3000));
        // Another source's timestamps (a sender report of the audio, a new publisher) are not touched.
        Assert.Equal(((ushort)110, 1_030_000u), outbound.MapAgain(6, 110, 1_030_000));
    }

    [Fact]
    public void A_replay_from_a_new_source_continues_one_frame_after_the_old_one_and_a_restart_forgets_it()
    {
        var outbound = new OutboundSequence();
        Assert.Equal(((ushort)10, 50_000u), Map(outbound, 1, 10, 50_000));
        outbound.StartReplay(new ReplayTimeline(2, From: 7_000, To: 607_000, Span: 18_000)); // a reloaded studio, 200 frames old
        Assert.Equal(((ushort)11, 53_000u), Map(outbound, 2, 500, 7_000)); // its keyframe right after the old stream's last frame
        Assert.Equal(((ushort)12, 53_090u), Map(outbound, 2, 501, 10_000));
        Assert.Equal(((ushort)13, 53_000u + 18_000), Map(outbound, 2, 502, 607_000));
        Assert.Equal(((ushort)14, 53_000u + 21_000), Map(outbound, 2, 503, 610_000));

        // The same SSRC restarted far behind: its new run is not a replay any more.
        Assert.False(outbound.TryMap(2, 100, 9_000_000, 3000, out _, out _));
        Assert.Equal(((ushort)15, 77_000u), Map(outbound, 2, 101, 9_003_000));
        Assert.Equal(((ushort)16, 80_000u), Map(outbound, 2, 102, 9_006_000));
    }

    private static (ushort, uint) Map(OutboundSequence outbound, uint ssrc, ushort sequence, uint timestamp, uint frameTicks = 3000)
    {
        Assert.True(outbound.TryMap(ssrc, sequence, timestamp, frameTicks, out var s, out var t), $"packet {sequence} held");
        return (s, t);
    }
}
