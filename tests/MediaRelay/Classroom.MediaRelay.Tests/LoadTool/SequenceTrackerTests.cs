using Classroom.LoadTool.Stats;

namespace Classroom.MediaRelay.Tests.LoadTool;

public sealed class SequenceTrackerTests
{
    private static SequenceTracker Feed(params int[] sequences)
    {
        var t = new SequenceTracker();
        foreach (var s in sequences) t.Add((ushort)s);
        t.Finish();
        return t;
    }

    [Fact]
    public void In_order_stream_loses_nothing()
    {
        var t = Feed(Enumerable.Range(100, 500).ToArray());
        Assert.Equal(500, t.Expected);
        Assert.Equal(500, t.Received);
        Assert.Equal(0, t.Lost);
    }

    [Fact]
    public void Gaps_count_as_lost()
    {
        var t = Feed(1, 2, 5, 6, 9);
        Assert.Equal(9, t.Expected);
        Assert.Equal(5, t.Received);
        Assert.Equal(4, t.Lost);
    }

    [Fact]
    public void Wrap_around_is_one_continuous_stream()
    {
        var t = Feed(65533, 65534, 65535, 0, 2, 3);
        Assert.Equal(7, t.Expected);
        Assert.Equal(6, t.Received);
        Assert.Equal(1, t.Lost);
    }

    [Fact]
    public void A_retransmission_that_fills_a_gap_in_time_is_not_a_loss()
    {
        var t = Feed(10, 11, 13, 14, 15, 12, 16);
        Assert.Equal(0, t.Lost);
        Assert.Equal(7, t.Received);
    }

    [Fact]
    public void Reordering_before_the_first_packet_extends_the_stream()
    {
        var t = Feed(20, 21, 19, 22);
        Assert.Equal(4, t.Expected);
        Assert.Equal(0, t.Lost);
    }

    [Fact]
    public void Duplicates_are_counted_once()
    {
        var t = Feed(1, 2, 2, 3, 1);
        Assert.Equal(3, t.Received);
        Assert.Equal(2, t.Duplicates);
        Assert.Equal(0, t.Lost);
    }

    [Fact]
    public void Gaps_that_left_the_window_stay_lost_even_if_the_packet_arrives_late()
    {
        var sequence = new List<int> { 0 };
        sequence.AddRange(Enumerable.Range(2, SequenceTracker.Window + 10));
        sequence.Add(1); // far too late: already counted lost
        var t = Feed([.. sequence]);
        Assert.Equal(1, t.Late);
        Assert.Equal(1, t.Lost);
        Assert.Equal(t.Expected, t.Received + t.Lost);
    }

    [Fact]
    public void A_jump_past_the_window_counts_everything_skipped()
    {
        var t = Feed(0, 1, 2, 10_000, 10_001);
        Assert.Equal(10_002, t.Expected);
        Assert.Equal(5, t.Received);
        Assert.Equal(9_997, t.Lost);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Expected_is_received_plus_lost_under_random_loss_reordering_and_wrap(int seed)
    {
        var random = new Random(seed);
        var t = new SequenceTracker();
        var start = 65_000;
        var sent = 20_000;
        var delivered = new HashSet<int>();
        var pending = new List<int>();
        for (var i = 0; i < sent; i++)
        {
            if (random.NextDouble() < 0.03) continue; // lost
            pending.Add(i);
            if (pending.Count > 5 || random.NextDouble() < 0.5)
            {
                var pick = pending[random.Next(pending.Count)];
                pending.Remove(pick);
                delivered.Add(pick);
                t.Add((ushort)(start + pick));
            }
        }

        foreach (var p in pending)
        {
            delivered.Add(p);
            t.Add((ushort)(start + p));
        }

        t.Finish();
        var first = delivered.Min();
        var last = delivered.Max();
        Assert.Equal(last - first + 1, t.Expected);
        Assert.Equal(delivered.Count, t.Received);
        Assert.Equal(t.Expected - delivered.Count, t.Lost);
    }
}
