using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>One run reduced to what the report shows: small enough to inline, whatever the run's size.</summary>
/// <param name="Origin">Time 0 of the run's charts: its first measured intended send.</param>
public sealed record ReportedRun(
    RunDescriptor Run,
    RunSummary Summary,
    DateTimeOffset Origin,
    LatencyTimeline Latency,
    IReadOnlyList<PercentilePoint> Percentiles,
    double RateBucketSeconds,
    IReadOnlyList<RatePoint> TargetRate,
    IReadOnlyList<RatePoint> AchievedRate,
    IReadOnlyList<HopLoss> Loss,
    ResourceUsage Resources)
{
    public string Id => Run.RunId;

    /// <summary>The run's own notes (from the accounting and the collection) and those of its scrapes.</summary>
    public IEnumerable<string> Notes => Summary.Notes.Concat(Resources.Notes);

    public string Label(string key) =>
        Run.Labels.TryGetValue(key, out var value) ? value
        : key switch
        {
            "mesh" => Summary.Mesh,
            "transport" => Summary.Transport,
            _ => "",
        };

    /// <summary>Seconds from the run's origin to <paramref name="at"/>.</summary>
    public double SecondsOf(DateTimeOffset at) => (at - Origin).TotalSeconds;
}

/// <summary>Reduces runs with one bucket width for all, so that they share their charts' axes.</summary>
public static class RunReduction
{
    /// <summary>At most this many latency buckets over the longest run, and never narrower than a millisecond.</summary>
    public const int LatencyBuckets = 500;

    /// <summary>At most this many rate buckets over the longest run, and never narrower than a second.</summary>
    public const int RateBuckets = 300;

    public static IReadOnlyList<ReportedRun> Reduce(IReadOnlyList<ReportInput> inputs)
    {
        var times = inputs.Select(input => MessageTimes.From(input.Stored.Records)).ToArray();
        var span = times.Length == 0 ? 0 : times.Max(t => t.SpanSeconds);
        var latencyBucket = TimeBuckets.Width(span, LatencyBuckets, 0.001);
        var rateBucket = TimeBuckets.Width(span, RateBuckets, 1);
        return inputs.Select((input, i) => Reduce(input, times[i], latencyBucket, rateBucket)).ToArray();
    }

    private static ReportedRun Reduce(ReportInput input, MessageTimes times, double latencyBucket, double rateBucket)
    {
        var stored = input.Stored;
        var summary = stored.Analysis.Summary;
        var endToEnd = stored.Analysis.Histograms.FirstOrDefault(h => h.Name == LatencyKind.EndToEnd.ToKey());
        var origin = times.OriginNanos != 0
            ? Workflow.Timing.UnixClock.ToDateTimeOffset(times.OriginNanos)
            : summary.Start ?? stored.Run.Started;
        return new ReportedRun(
            stored.Run,
            summary,
            origin,
            LatencyTimeline.Reduce(times.OriginNanos, times.DeliveredIntendedNanos, times.DeliveredLatencyMs, latencyBucket),
            endToEnd is null ? [] : PercentileCurve.From(endToEnd.Histogram),
            rateBucket,
            RateTimeline.Reduce(times.OriginNanos, times.IntendedNanos, rateBucket),
            RateTimeline.Reduce(times.OriginNanos, times.SentNanos, rateBucket),
            HopLossTable.From(summary, stored.Records),
            input.Resources);
    }
}
