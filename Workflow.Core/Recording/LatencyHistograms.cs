using HdrHistogram;

namespace MeshAspire.Workflow.Recording;

/// <summary>The one shape of every latency histogram: nanoseconds, 1 ns to 1 hour, 3 significant digits.</summary>
public static class LatencyHistograms
{
    public const long HighestTrackableNanos = 3_600_000_000_000L;
    public const int SignificantDigits = 3;

    public static LongHistogram Create() => new(1, HighestTrackableNanos, SignificantDigits);

    public static LongConcurrentHistogram CreateConcurrent() => new(1, HighestTrackableNanos, SignificantDigits);

    /// <summary>Records a duration, clamped into the trackable range (a zero or negative duration counts as 1 ns).</summary>
    public static void RecordNanos(HistogramBase histogram, long nanos) =>
        histogram.RecordValue(Math.Clamp(nanos, 1, HighestTrackableNanos));
}
