using MeshAspire.MetricsCollector.Report;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class RateTimelineTests
{
    private const long Origin = 1_700_000_000_000_000_000;

    private static long[] Steady(double perSecond, double seconds, double startSeconds = 0) =>
        Enumerable.Range(0, (int)Math.Round(perSecond * seconds)).Select(i => Origin + (long)((startSeconds + (i / perSecond)) * 1e9)).ToArray();

    [Fact]
    public void A_steady_rate_is_the_same_in_every_bucket()
    {
        var rates = RateTimeline.Reduce(Origin, Steady(100, 10), 1);

        Assert.Equal(10, rates.Count);
        Assert.All(rates, r => Assert.Equal(100, r.PerSecond, 6));
        Assert.Equal(Enumerable.Range(0, 10).Select(s => (double)s), rates.Select(r => r.StartSeconds));
    }

    [Fact]
    public void A_run_ending_mid_bucket_has_no_false_drop_in_its_last_bucket()
    {
        var rates = RateTimeline.Reduce(Origin, Steady(100, 2.5), 1);

        Assert.Equal([100.0, 100.0, 100.0], rates.Select(r => Math.Round(r.PerSecond, 6)));
    }

    [Fact]
    public void A_pause_shows_as_zero()
    {
        long[] times = [.. Steady(50, 2), .. Steady(50, 2, startSeconds: 4)];

        var rates = RateTimeline.Reduce(Origin, times, 1);

        Assert.Equal([50.0, 50.0, 0.0, 0.0, 50.0, 50.0], rates.Select(r => Math.Round(r.PerSecond, 6)));
    }

    [Fact]
    public void A_linear_ramp_rises_bucket_by_bucket()
    {
        var times = new List<long>();
        for (var second = 0; second < 5; second++)
        {
            times.AddRange(Steady(10 * (second + 1), 1, second));
        }

        var rates = RateTimeline.Reduce(Origin, [.. times], 1);

        Assert.Equal([10.0, 20.0, 30.0, 40.0], rates.Take(4).Select(r => Math.Round(r.PerSecond, 6)));
    }

    [Fact]
    public void No_events_no_points() => Assert.Empty(RateTimeline.Reduce(Origin, [], 1));
}
