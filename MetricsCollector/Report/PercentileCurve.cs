using HdrHistogram;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>One point of a latency percentile distribution: at <see cref="Percentile"/>, one in <see cref="OneIn"/> messages took longer.</summary>
public sealed record PercentilePoint(double Percentile, double OneIn, double ValueMs);

/// <summary>
/// The HdrHistogram percentile distribution of a histogram of nanoseconds, as plotted on a log axis of
/// 1 / (1 - percentile): evenly spaced in "nines". The 100th percentile cannot be placed on that axis, so the
/// maximum is put at one in <c>count</c> (percentile 1 - 1/count), where the slowest of <c>count</c> messages is.
/// </summary>
public static class PercentileCurve
{
    public static IReadOnlyList<PercentilePoint> From(HistogramBase histogram, int ticksPerHalfDistance = 5)
    {
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return [];
        }

        var last = 100 * (1 - (1.0 / count));
        var points = new List<PercentilePoint>();
        foreach (var step in histogram.Percentiles(ticksPerHalfDistance))
        {
            var percentile = step.PercentileLevelIteratedTo;
            if (percentile >= last)
            {
                break;
            }

            if (points.Count > 0 && points[^1].Percentile >= percentile)
            {
                continue;
            }

            points.Add(new PercentilePoint(percentile, 100 / (100 - percentile), step.ValueIteratedTo / 1e6));
        }

        points.Add(new PercentilePoint(last, count, histogram.GetMaxValue() / 1e6));
        return points;
    }
}
