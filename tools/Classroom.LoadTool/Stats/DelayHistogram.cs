namespace Classroom.LoadTool.Stats;

/// <summary>
/// Forwarding delays of all players in fixed buckets (10 µs up to 1 ms, 100 µs up to 100 ms,
/// 10 ms up to 10 s), so a 1,000-player run needs no per-packet memory. Lock-free; any thread may
/// record. Percentiles answer the bucket's upper bound, the maximum is exact.
/// </summary>
public sealed class DelayHistogram
{
    private const int Buckets = 100 + 990 + 990 + 1;
    private readonly long[] _counts = new long[Buckets];
    private long _count;
    private long _maxMicros = -1;
    private long _negative;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Samples where the receive time preceded the send stamp (clock trouble), not recorded.</summary>
    public long Negative => Interlocked.Read(ref _negative);

    public void Record(long micros)
    {
        if (micros < 0)
        {
            Interlocked.Increment(ref _negative);
            return;
        }

        Interlocked.Increment(ref _counts[BucketOf(micros)]);
        Interlocked.Increment(ref _count);
        var max = Interlocked.Read(ref _maxMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros, micros, max);
            if (seen == max) break;
            max = seen;
        }
    }

    /// <summary>Upper bound (µs) of the bucket holding the p-th percentile by nearest rank; null when empty.</summary>
    public long? PercentileMicros(double p)
    {
        var total = Count;
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(p / 100 * total));
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(UpperBound(i), MaxMicros ?? long.MaxValue);
        }

        return MaxMicros;
    }

    public long? MaxMicros => Interlocked.Read(ref _maxMicros) is var m && m >= 0 ? m : null;

    public static int BucketOf(long micros) => micros switch
    {
        < 1_000 => (int)(micros / 10),
        < 100_000 => 100 + (int)((micros - 1_000) / 100),
        < 10_000_000 => 1_090 + (int)((micros - 100_000) / 10_000),
        _ => Buckets - 1,
    };

    public static long UpperBound(int bucket) => bucket switch
    {
        < 100 => (bucket + 1) * 10L,
        < 1_090 => 1_000 + (bucket - 100 + 1) * 100L,
        < Buckets - 1 => 100_000 + (bucket - 1_090 + 1) * 10_000L,
        _ => long.MaxValue,
    };
}
