using MeshAspire.MetricsCollector.Report;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class LatencyTimelineTests
{
    private const long Origin = 1_700_000_000_000_000_000;
    private const long Second = 1_000_000_000;

    /// <summary>Bucket b holds latencies 1..100 ms times (b + 1), shuffled, 100 messages spread over each second.</summary>
    private static (long[] Intended, double[] Latency) ThreeSeconds()
    {
        var random = new Random(7);
        var intended = new List<long>();
        var latency = new List<double>();
        for (var b = 0; b < 3; b++)
        {
            foreach (var v in Enumerable.Range(1, 100).OrderBy(_ => random.Next()))
            {
                intended.Add(Origin + (b * Second) + (intended.Count % 100 * (Second / 100)));
                latency.Add(v * (b + 1.0));
            }
        }

        return ([.. intended], [.. latency]);
    }

    [Fact]
    public void Each_bucket_has_the_exact_min_p50_p99_and_max_of_its_messages()
    {
        var (intended, latency) = ThreeSeconds();

        var timeline = LatencyTimeline.Reduce(Origin, intended, latency, 1);

        Assert.Equal(
            [new LatencyBucket(0, 100, 1, 50, 99, 100), new LatencyBucket(1, 100, 2, 100, 198, 200), new LatencyBucket(2, 100, 3, 150, 297, 300)],
            timeline.Buckets);
        Assert.Equal(1, timeline.BucketSeconds);
    }

    [Fact]
    public void Buckets_without_messages_are_left_out()
    {
        long[] intended = [Origin, Origin + (5 * Second)];

        var timeline = LatencyTimeline.Reduce(Origin, intended, [4.0, 6.0], 1);

        Assert.Equal([0.0, 5.0], timeline.Buckets.Select(b => b.StartSeconds));
        Assert.All(timeline.Buckets, b => Assert.Equal(1, b.Count));
    }

    [Fact]
    public void Every_message_is_kept_in_time_order_up_to_the_limit()
    {
        long[] intended = [Origin + (2 * Second), Origin, Origin + Second];

        var timeline = LatencyTimeline.Reduce(Origin, intended, [3.0, 1.0, 2.0], 1);

        Assert.Equal([(0.0, 1.0), (1.0, 2.0), (2.0, 3.0)], timeline.EveryMessage!);
    }

    [Fact]
    public void Above_the_limit_only_buckets_are_kept()
    {
        var count = LatencyTimeline.EveryMessageLimit + 1;
        var intended = Enumerable.Range(0, count).Select(i => Origin + (i * 1_000_000L)).ToArray();
        var latency = Enumerable.Range(0, count).Select(i => (double)(i % 10)).ToArray();

        var timeline = LatencyTimeline.Reduce(Origin, intended, latency, 1);

        Assert.Null(timeline.EveryMessage);
        Assert.Equal(count, timeline.Buckets.Sum(b => b.Count));
        Assert.Equal(11, timeline.Buckets.Count);
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    public void Nearest_rank_is_the_smallest_value_with_that_share_at_or_below_it(double percentile, double expected) =>
        Assert.Equal(expected, LatencyTimeline.NearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percentile));

    [Fact]
    public void One_latency_per_intended_time_is_required() =>
        Assert.Throws<ArgumentException>(() => LatencyTimeline.Reduce(Origin, [Origin], [], 1));
}
