using MeshAspire.MetricsCollector.Report;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class PercentileCurveTests
{
    private static HdrHistogram.LongHistogram OneToThousandMs()
    {
        var histogram = LatencyHistograms.Create();
        for (var ms = 1; ms <= 1000; ms++)
        {
            LatencyHistograms.RecordNanos(histogram, ms * 1_000_000L);
        }

        return histogram;
    }

    [Fact]
    public void Points_rise_in_percentile_and_latency_and_sit_at_one_over_one_minus_p()
    {
        var curve = PercentileCurve.From(OneToThousandMs());

        Assert.True(curve.Count > 20);
        Assert.All(curve.Zip(curve.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Percentile > pair.First.Percentile);
            Assert.True(pair.Second.ValueMs >= pair.First.ValueMs);
        });
        Assert.All(curve, p => Assert.Equal(100 / (100 - p.Percentile), p.OneIn, 6));
    }

    [Fact]
    public void Each_point_is_the_latency_that_share_of_messages_stays_within()
    {
        var curve = PercentileCurve.From(OneToThousandMs());

        Assert.Contains(curve, p => p.Percentile == 50);
        Assert.Contains(curve, p => p.Percentile == 90);
        Assert.All(curve.SkipLast(1), p => Assert.InRange(p.ValueMs, (10 * p.Percentile) - 0.001, ((10 * p.Percentile) + 1) * 1.001));
    }

    [Fact]
    public void The_last_point_is_the_maximum_at_one_in_the_count()
    {
        var last = PercentileCurve.From(OneToThousandMs())[^1];

        Assert.Equal(99.9, last.Percentile, 9);
        Assert.Equal(1000, last.OneIn, 6);
        Assert.Equal(1000, last.ValueMs, 1000 * 0.001);
    }

    [Fact]
    public void One_message_is_one_point_and_none_is_no_curve()
    {
        var one = LatencyHistograms.Create();
        LatencyHistograms.RecordNanos(one, 5_000_000);

        Assert.Equal([new PercentilePoint(0, 1, 5.0)], PercentileCurve.From(one).Select(p => p with { ValueMs = Math.Round(p.ValueMs, 2) }));
        Assert.Empty(PercentileCurve.From(LatencyHistograms.Create()));
    }
}
