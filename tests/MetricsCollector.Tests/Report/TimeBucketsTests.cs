using MeshAspire.MetricsCollector.Report;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class TimeBucketsTests
{
    [Theory]
    [InlineData(300, 300, 1, 1)]
    [InlineData(1000, 300, 1, 5)]
    [InlineData(7200, 500, 0.001, 20)]
    [InlineData(30, 500, 0.001, 0.1)]
    [InlineData(0.5, 500, 0.001, 0.001)]
    [InlineData(10, 300, 1, 1)]
    [InlineData(0, 300, 1, 1)]
    public void Width_is_the_narrowest_1_2_5_step_that_fits(double span, int maxBuckets, double minimum, double expected) =>
        Assert.Equal(expected, TimeBuckets.Width(span, maxBuckets, minimum), 9);

    [Fact]
    public void Times_fall_into_buckets_from_the_origin()
    {
        const long origin = 1_000_000_000_000;

        Assert.Equal(0, TimeBuckets.IndexOf(origin - 5, origin, 1));
        Assert.Equal(0, TimeBuckets.IndexOf(origin + 999_999_999, origin, 1));
        Assert.Equal(1, TimeBuckets.IndexOf(origin + 1_000_000_000, origin, 1));
        Assert.Equal(25, TimeBuckets.IndexOf(origin + 2_550_000_000, origin, 0.1));
    }
}
