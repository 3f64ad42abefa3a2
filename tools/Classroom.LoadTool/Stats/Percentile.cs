namespace Classroom.LoadTool.Stats;

/// <summary>Nearest-rank percentiles over a sorted sample (the smallest value with at least p% of the sample at or below it).</summary>
public static class Percentile
{
    /// <summary>The p-th percentile (0 &lt; p ≤ 100) of <paramref name="sorted"/>; null when the sample is empty.</summary>
    public static double? NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>p50, p95, p99 and max of an unsorted sample, in its own unit.</summary>
    public static Distribution Summarize(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Distribution(sorted.Length, NearestRank(sorted, 50), NearestRank(sorted, 95), NearestRank(sorted, 99),
            sorted.Length == 0 ? null : sorted[^1]);
    }
}

/// <summary>A summarized sample; all null when it is empty.</summary>
public sealed record Distribution(long Count, double? P50, double? P95, double? P99, double? Max)
{
    public static Distribution Empty { get; } = new(0, null, null, null, null);
}
