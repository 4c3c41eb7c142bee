using HdrHistogram;

namespace MeshAspire.Workflow.Accounting;

/// <summary>The percentile spectrum of one histogram, in milliseconds.</summary>
public sealed record LatencySummary(
    long Count,
    double MinMs,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        return new LatencySummary(
            histogram.TotalCount,
            ToMs(histogram.GetValueAtPercentile(0)),
            histogram.GetMean() / 1e6,
            ToMs(histogram.GetValueAtPercentile(50)),
            ToMs(histogram.GetValueAtPercentile(90)),
            ToMs(histogram.GetValueAtPercentile(99)),
            ToMs(histogram.GetValueAtPercentile(99.9)),
            ToMs(histogram.GetMaxValue()));
    }

    private static double ToMs(long nanos) => nanos / 1e6;
}
