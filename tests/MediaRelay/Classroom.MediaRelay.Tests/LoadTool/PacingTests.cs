using Classroom.LoadTool.Stream;

namespace Classroom.MediaRelay.Tests.LoadTool;

/// <summary>
/// The synthetic studio's pacer: with pacing on, a keyframe's packets leave spread at 2.5 × the
/// bitrate instead of in one burst, and nothing is lost or reordered on the way; off, a frame is
/// one burst. Driven with a simulated clock (one pump every 5 ms), no wall-clock assertions.
/// </summary>
public sealed class PacingTests
{
    private const long Tick = 5_000_000;

    [Fact]
    public void Paced_keyframe_is_spread_at_the_pacing_rate()
    {
        var shape = new StreamShape(1_000_000, TimeSpan.FromSeconds(4));
        var sink = new RecordingSink();
        var stream = new SyntheticStream(shape, 111, 96, 1, 2);

        for (var t = 0L; t <= 1_000_000_000; t += Tick) { sink.Now = t; stream.Pump(t, sink); }

        var key = sink.Video.TakeWhile(p => !p.Marker).ToList();
        key.Add(sink.Video[key.Count]);
        var keyPackets = (shape.KeyframeBytes + shape.MaxPayloadBytes - 1) / shape.MaxPayloadBytes;
        Assert.Equal(keyPackets, key.Count);
        // 2.5 × 1 Mbit/s = 312.5 kB/s: the keyframe's bytes take (bytes / rate) ± one tick.
        var expectedNanos = shape.KeyframeBytes / shape.PacingBytesPerSecond * 1e9;
        var spread = key[^1].At - key[0].At;
        Assert.InRange(spread, expectedNanos - (2 * Tick), expectedNanos + (2 * Tick));
        // No pump sends more than its credit plus one overdrawn packet.
        Assert.True(sink.Video.GroupBy(p => p.At).Max(g => g.Count()) <= 2, "at most two 1,100-byte packets per 5 ms at 312.5 kB/s");
        AssertAllSentInOrder(sink, stream, shape, seconds: 1);
    }

    [Fact]
    public void Pacing_factor_zero_sends_each_frame_as_one_burst()
    {
        var shape = new StreamShape(1_000_000, TimeSpan.FromSeconds(4)) { PacingFactor = 0 };
        var sink = new RecordingSink();
        var stream = new SyntheticStream(shape, 111, 96, 1, 2);

        for (var t = 0L; t <= 1_000_000_000; t += Tick) { sink.Now = t; stream.Pump(t, sink); }

        var keyPackets = (shape.KeyframeBytes + shape.MaxPayloadBytes - 1) / shape.MaxPayloadBytes;
        Assert.Equal(keyPackets, sink.Video.Count(p => p.At == 0));
        Assert.Equal(0, stream.QueuedVideoPackets);
        AssertAllSentInOrder(sink, stream, shape, seconds: 1);
    }

    [Fact]
    public void A_stalled_pacer_catches_up_without_losing_packets()
    {
        var shape = new StreamShape(1_000_000, TimeSpan.FromSeconds(4));
        var sink = new RecordingSink();
        var stream = new SyntheticStream(shape, 111, 96, 1, 2);

        // 300 ms without a pump (a descheduled process), then normal ticks for 2 s.
        sink.Now = 0;
        stream.Pump(0, sink);
        for (var t = 300_000_000L; t <= 2_300_000_000; t += Tick) { sink.Now = t; stream.Pump(t, sink); }

        // Caught up: at most the frame being paced right now is still queued.
        var deltaPackets = (shape.DeltaFrameBytes + shape.MaxPayloadBytes - 1) / shape.MaxPayloadBytes;
        Assert.InRange(stream.QueuedVideoPackets, 0, deltaPackets);
        Assert.InRange(sink.Video.Count(p => p.Marker), (shape.Fps * 2.3) - 1, (shape.Fps * 2.3) + 1);
        Assert.Equal(sink.Video.Count, sink.Video.Select(p => p.Sequence).Distinct().Count());
        Assert.True(sink.Video.Zip(sink.Video.Skip(1)).All(p => (ushort)(p.First.Sequence + 1) == p.Second.Sequence), "sequence numbers leave in order");
    }

    private static void AssertAllSentInOrder(RecordingSink sink, SyntheticStream stream, StreamShape shape, int seconds)
    {
        // Every frame due in the window went out (30 fps + the frame at t = 0), minus at most what is still queued.
        var frames = sink.Video.Count(p => p.Marker);
        Assert.InRange(frames + (stream.QueuedVideoPackets > 0 ? 1 : 0), (shape.Fps * seconds) - 1, (shape.Fps * seconds) + 1);
        Assert.True(sink.Video.Zip(sink.Video.Skip(1)).All(p => (ushort)(p.First.Sequence + 1) == p.Second.Sequence), "sequence numbers leave in order");
        Assert.Equal((seconds * 1000 / StreamShape.AudioFrameMillis) + 1, sink.Audio);
    }

    private sealed class RecordingSink : IRtpSink
    {
        public long Now { get; set; }

        public List<(long At, ushort Sequence, bool Marker, int Size)> Video { get; } = [];

        public int Audio { get; private set; }

        public bool Send(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, ReadOnlySpan<byte> payload)
        {
            if (payloadType == 111) Audio++;
            else Video.Add((Now, sequence, marker, payload.Length));
            return true;
        }
    }
}
