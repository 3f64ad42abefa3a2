using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class KeyframeCacheTests
{
    [Theory]
    [InlineData(new byte[] { 0x10, 0x00 }, true)] // S=1 PID=0, P=0: key frame
    [InlineData(new byte[] { 0x10, 0x01 }, false)] // P=1: inter frame
    [InlineData(new byte[] { 0x00, 0x00 }, false)] // not the start of the frame
    [InlineData(new byte[] { 0x90, 0x80, 0x81, 0x23, 0x00 }, true)] // X, I with 15-bit PictureID
    [InlineData(new byte[] { 0x90, 0xE0, 0x12, 0x34, 0x56, 0x00 }, true)] // X, I (7-bit), L, T
    [InlineData(new byte[] { 0x90, 0xE0, 0x12, 0x34, 0x56, 0x01 }, false)]
    public void Vp8_key_frames_are_found_after_the_payload_descriptor(byte[] payload, bool key) =>
        Assert.Equal(key, KeyframeDetector.IsKeyframeStart(CodecKind.Vp8, payload));

    [Theory]
    [InlineData(new byte[] { 0x65, 0x88 }, true)] // IDR slice
    [InlineData(new byte[] { 0x41, 0x9A }, false)] // non-IDR slice
    [InlineData(new byte[] { 0x7C, 0x85, 0x00 }, true)] // FU-A start of IDR
    [InlineData(new byte[] { 0x7C, 0x05, 0x00 }, false)] // FU-A continuation
    [InlineData(new byte[] { 0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xCE }, true)] // STAP-A with SPS, PPS
    [InlineData(new byte[] { 0x78, 0x00, 0x09, 0x67 }, false)] // STAP-A size past the end
    public void H264_key_frames_are_found_in_single_stap_a_and_fu_a_packets(byte[] payload, bool key) =>
        Assert.Equal(key, KeyframeDetector.IsKeyframeStart(CodecKind.H264, payload));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A 200-byte VP8 packet; the key frame's packets carry the frame's timestamp.</summary>
    internal static byte[] Video(ushort sequence, bool keyframe, uint frame)
    {
        var packet = new byte[200];
        var payload = new byte[188];
        payload[0] = 0x10;
        payload[1] = keyframe ? (byte)0x00 : (byte)0x01;
        payload[2] = (byte)sequence;
        new RtpWriter(packet, 96, sequence, 3000u * frame, 0xABCDEF, marker: true).Complete(payload);
        return packet;
    }

    private static ushort[] Sequences(ForwardingHarness harness, int player)
    {
        var srtp = harness.PeerSrtp(harness.Players[player]);
        return harness.PlayerPaths[player].Datagrams.Select(d =>
        {
            var copy = d.ToArray();
            Assert.True(srtp.TryUnprotectRtp(copy, out _));
            return RtpHeader.TryRead(copy, out var h) ? h.SequenceNumber : (ushort)0;
        }).ToArray();
    }

    [Fact]
    public void A_joining_player_starts_at_the_last_keyframe_and_gets_everything_after_it_in_order()
    {
        using var harness = new ForwardingHarness(players: 0, _time);
        harness.Room.OnRtp(harness.Publisher, Video(1, keyframe: false, frame: 1)); // before any keyframe
        harness.Room.OnRtp(harness.Publisher, Video(2, keyframe: true, frame: 2));
        for (ushort s = 3; s <= 6; s++) harness.Room.OnRtp(harness.Publisher, Video(s, keyframe: false, frame: s));
        harness.PublisherPath.Keep = true;

        harness.AddPlayer(keep: true);
        harness.Room.OnRtp(harness.Publisher, Video(7, keyframe: false, frame: 7));

        // Rewritten to the player's own numbering, continuous from its first packet.
        var got = Sequences(harness, 0);
        Assert.Equal(6, got.Length); // key frame 2 … 6 at once, then 7 live
        Assert.All(got.Zip(got.Skip(1)), p => Assert.Equal((ushort)(p.First + 1), p.Second));
        Assert.Empty(harness.PublisherPath.Datagrams); // no keyframe request: the cached one was used
    }

    [Fact]
    public void A_joiners_replay_is_timed_as_it_is_sent_and_a_retransmission_of_it_matches_what_was_sent()
    {
        // A browser studio sends keyframes only when asked: 10 s after the last one a player joins and
        // gets the 300 frames at once. With their own timestamps it would see 10 s of media arrive
        // in an instant and play live frames without its jitter buffer (docs/bench-loss.md).
        using var harness = new ForwardingHarness(players: 0, _time);
        harness.Room.OnRtp(harness.Publisher, Video(1, keyframe: true, frame: 1));
        for (ushort s = 2; s <= 300; s++) harness.Room.OnRtp(harness.Publisher, Video(s, keyframe: false, frame: s));
        var player = harness.AddPlayer(keep: true);
        for (var round = 0; round < 3; round++) harness.Pool.Signal(); // a feed gets at most 128 packets a round
        harness.Room.OnRtp(harness.Publisher, Video(301, keyframe: false, frame: 301));

        var srtp = harness.PeerSrtp(player);
        var packets = harness.PlayerPaths[0].Datagrams.Where(d => d[1] is < 192 or > 223).Select(d =>
        {
            var copy = d.ToArray();
            Assert.True(srtp.TryUnprotectRtp(copy, out var n));
            Assert.True(RtpHeader.TryRead(copy.AsSpan(0, n), out var h));
            return (h.SequenceNumber, h.Timestamp, h.Ssrc);
        }).ToArray();
        Assert.Equal(301, packets.Length);
        Assert.All(packets.Zip(packets.Skip(1)), p => Assert.Equal((ushort)(p.First.SequenceNumber + 1), p.Second.SequenceNumber));
        // 60 KB went out in the catch-up's first burst; the 300 frames are spread over a millisecond
        // each (the floor) and end on the newest frame's own timestamp; the live frame follows at 30 fps.
        var replayed = packets[..300].Select(p => p.Timestamp).ToArray();
        Assert.Equal(3000u * 300, replayed[^1]);
        Assert.Equal(299u * 90, replayed[^1] - replayed[0]);
        Assert.All(replayed.Zip(replayed.Skip(1)), p => Assert.Equal(90u, p.Second - p.First));
        Assert.Equal(3000u * 301, packets[300].Timestamp);

        // The player lost the 11th replayed packet: the answer is byte for byte what was sent (same
        // compressed timestamp; a frame is assembled only from packets of one timestamp).
        var sent = harness.PlayerPaths[0].Datagrams.ToList();
        var nack = new byte[RtcpNack.GetWriteLength([packets[10].SequenceNumber])];
        RtcpNack.Write(nack, senderSsrc: 77, packets[0].Ssrc, [packets[10].SequenceNumber]);
        harness.Room.OnRtcp(player, nack);
        Assert.Equal(sent.Count + 1, harness.PlayerPaths[0].Datagrams.Count);
        Assert.Contains(sent, d => d.AsSpan().SequenceEqual(harness.PlayerPaths[0].Datagrams[^1]));
    }

    [Fact]
    public void Without_a_cached_keyframe_a_player_waits_for_the_next_one_and_asks_for_it()
    {
        using var harness = new ForwardingHarness(players: 0, _time);
        harness.PublisherPath.Keep = true;
        harness.Room.OnRtp(harness.Publisher, Video(1, keyframe: false, frame: 1));
        harness.AddPlayer();
        harness.Room.OnRtp(harness.Publisher, Video(2, keyframe: false, frame: 2));
        Assert.Equal(0, harness.PlayerPaths[0].Sent);
        Assert.Single(harness.PublisherPath.Datagrams); // one PLI

        harness.Room.OnRtp(harness.Publisher, Video(3, keyframe: true, frame: 3));
        harness.Room.OnRtp(harness.Publisher, Video(4, keyframe: false, frame: 4));
        Assert.Equal(2, harness.PlayerPaths[0].Sent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the server's calendar runs backwards (an NTP step back): the retries measure the monotonic clock
    public void A_keyframe_request_the_publisher_ignored_is_sent_again_while_the_player_still_waits(bool calendarRunsBackwards)
    {
        var time = calendarRunsBackwards ? new BackwardsCalendar(_time.GetUtcNow()) : _time;
        // Chromium drops a PLI that comes right after another; RTCP can be lost. A player asking
        // only once would wait for a picture that never comes (seen as a black kiosk after a reload).
        using var harness = new ForwardingHarness(players: 0, time);
        harness.PublisherPath.Keep = true;
        harness.Room.OnRtp(harness.Publisher, Video(1, keyframe: false, frame: 1));
        harness.AddPlayer(keep: true);
        harness.Room.OnRtp(harness.Publisher, Video(2, keyframe: false, frame: 2));
        Assert.Single(harness.PublisherPath.Datagrams); // the first PLI: ignored by the publisher

        // While no keyframe comes, the request goes out again every retry period (1.5 s), for as
        // long as the player waits — not once and never again.
        ushort sequence = 3;
        var asked = harness.PublisherPath.Datagrams.Count;
        for (var round = 0; round < 4; round++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1600));
            harness.Room.OnRtp(harness.Publisher, Video(sequence, keyframe: false, frame: sequence));
            sequence++;
            Assert.True(harness.PublisherPath.Datagrams.Count > asked, $"no new keyframe request in round {round}");
            asked = harness.PublisherPath.Datagrams.Count;
        }

        Assert.All(harness.PublisherPath.Datagrams, d => Assert.Equal(206, d[1])); // all PSFB (PLI)
        Assert.Equal(0, harness.PlayerPaths[0].Sent);

        harness.Room.OnRtp(harness.Publisher, Video(sequence, keyframe: true, frame: sequence));
        sequence++;
        var afterKeyframe = 0;
        for (var round = 0; round < 4; round++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1600));
            harness.Room.OnRtp(harness.Publisher, Video(sequence, keyframe: false, frame: sequence));
            sequence++;
            if (round == 0) afterKeyframe = harness.PublisherPath.Datagrams.Count; // a request already pending may still leave once
        }

        Assert.Equal(5, harness.PlayerPaths[0].Datagrams.Count(d => d[1] is < 192 or > 223)); // RTP (not sender reports): the keyframe and all after it
        Assert.Equal(afterKeyframe, harness.PublisherPath.Datagrams.Count); // the keyframe came: no more requests
    }

    [Fact]
    public void A_player_further_behind_than_the_queue_bound_skips_to_the_next_keyframe()
    {
        var options = FanOutOptions.Default with { Workers = 0, CatchUpBitsPerSecond = 0, MaxQueuedPackets = 8 };
        using var harness = new ForwardingHarness(players: 0, _time, fanOut: options);
        harness.Room.OnRtp(harness.Publisher, Video(1, keyframe: true, frame: 1));
        for (ushort s = 2; s <= 20; s++) harness.Room.OnRtp(harness.Publisher, Video(s, keyframe: false, frame: s));

        harness.AddPlayer(); // 20 packets behind the head: more than the bound of 8
        for (ushort s = 21; s <= 25; s++) harness.Room.OnRtp(harness.Publisher, Video(s, keyframe: false, frame: s));
        Assert.Equal(0, harness.PlayerPaths[0].Sent);
        Assert.Equal(1, harness.Room.Counters.QueueSkips);
        Assert.Equal(1, harness.Room.Consumers[0].Skips);

        harness.Room.OnRtp(harness.Publisher, Video(26, keyframe: true, frame: 26));
        harness.Room.OnRtp(harness.Publisher, Video(27, keyframe: false, frame: 27));
        Assert.Equal(2, harness.PlayerPaths[0].Sent);
        Assert.Equal(0, harness.Room.Consumers[0].QueueDepth);
    }

    [Fact]
    public void Catch_up_is_paced_to_the_configured_rate_while_live_players_are_not()
    {
        // 1,000 bytes/s with a 1,000-byte burst; 200-byte packets: 5 at once, then 5 per second.
        var options = FanOutOptions.Default with { Workers = 0, CatchUpBitsPerSecond = 8_000, CatchUpBurstBytes = 1000, LiveWindow = 2 };
        using var harness = new ForwardingHarness(players: 1, _time, fanOut: options);
        harness.Room.OnRtp(harness.Publisher, Video(1, keyframe: true, frame: 1));
        for (ushort s = 2; s <= 30; s++) harness.Room.OnRtp(harness.Publisher, Video(s, keyframe: false, frame: s));
        Assert.Equal(30, harness.PlayerPaths[0].Sent); // live all along

        harness.AddPlayer();
        Assert.Equal(5, harness.PlayerPaths[1].Sent);
        _time.Advance(TimeSpan.FromSeconds(1));
        harness.Pool.Signal();
        Assert.Equal(10, harness.PlayerPaths[1].Sent);
        _time.Advance(TimeSpan.FromSeconds(10));
        harness.Pool.Signal();
        Assert.Equal(15, harness.PlayerPaths[1].Sent); // the burst cap holds after a long pause
        Assert.Equal(30, harness.PlayerPaths[0].Sent);
    }

    /// <summary>A clock whose calendar runs backwards while its timestamps (the monotonic clock) go forward.</summary>
    private sealed class BackwardsCalendar : FakeTimeProvider
    {
        private readonly DateTimeOffset _start;

        public BackwardsCalendar(DateTimeOffset start) : base(start) => _start = start;

        public override DateTimeOffset GetUtcNow() => _start - (base.GetUtcNow() - _start);

        public override long GetTimestamp() => base.GetUtcNow().UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }
}
