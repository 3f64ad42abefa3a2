using Classroom.LoadTool.Stats;

namespace Classroom.MediaRelay.Tests.LoadTool;

public sealed class PercentileTests
{
    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    public void Nearest_rank_of_one_to_ten(double p, double expected)
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(expected, Percentile.NearestRank(sorted, p));
    }

    [Fact]
    public void Empty_sample_has_no_percentiles()
    {
        Assert.Null(Percentile.NearestRank([], 50));
        Assert.Equal(Distribution.Empty, Percentile.Summarize([]));
    }

    [Fact]
    public void Summary_sorts_its_input()
    {
        var d = Percentile.Summarize([9, 1, 5, 3, 7]);
        Assert.Equal(5, d.Count);
        Assert.Equal(5, d.P50);
        Assert.Equal(9, d.P95);
        Assert.Equal(9, d.Max);
    }

    [Fact]
    public void Histogram_percentiles_are_bucket_upper_bounds_and_max_is_exact()
    {
        var h = new DelayHistogram();
        for (var i = 1; i <= 98; i++) h.Record(200); // 0.2 ms
        h.Record(4_321);  // 4.321 ms
        h.Record(12_345); // 12.345 ms
        h.Record(-5);     // clock trouble: not a sample

        Assert.Equal(100, h.Count);
        Assert.Equal(1, h.Negative);
        Assert.Equal(210, h.PercentileMicros(50));
        Assert.Equal(4_400, h.PercentileMicros(99));
        Assert.Equal(12_345, h.PercentileMicros(100));
        Assert.Equal(12_345, h.MaxMicros);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1_000)]
    [InlineData(99_999)]
    [InlineData(100_000)]
    [InlineData(9_999_999)]
    public void Every_value_lies_at_or_below_its_bucket_bound(long micros)
    {
        var bucket = DelayHistogram.BucketOf(micros);
        Assert.True(micros < DelayHistogram.UpperBound(bucket));
        Assert.True(bucket == 0 || micros >= DelayHistogram.UpperBound(bucket - 1));
    }
}
