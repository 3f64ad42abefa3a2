namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// How long packets waited inside the relay: from arriving (decrypted, in the room's ring) to
/// being handed to the kernel for one player, per delivered packet, in fixed buckets. One per
/// fan-out worker, written only by its thread (plain increments, no interlocked operation per
/// packet); the metrics scrape sums the workers. It separates the relay's own share of a
/// forwarding delay from the network and the receivers' (docs/relay.md "Fan-out core").
/// </summary>
internal sealed class FanOutDelay
{
    /// <summary>Upper bounds of the buckets, in seconds (the last bucket is everything above).</summary>
    public static readonly double[] BoundsSeconds = [0.0005, 0.001, 0.002, 0.005, 0.010, 0.020, 0.050, 0.100, 0.500];

    private readonly long[] _boundTicks;
    private readonly long[] _counts = new long[BoundsSeconds.Length + 1];

    public FanOutDelay(long timestampFrequency)
    {
        _boundTicks = Array.ConvertAll(BoundsSeconds, s => (long)(s * timestampFrequency));
    }

    public void Record(long elapsedTicks)
    {
        var i = 0;
        while (i < _boundTicks.Length && elapsedTicks > _boundTicks[i]) i++;
        _counts[i]++;
    }

    /// <summary>Packets at or below each bound (cumulative, as Prometheus histogram buckets are), then the total.</summary>
    public void AddCumulative(Span<long> into)
    {
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            into[i] += running;
        }
    }
}
