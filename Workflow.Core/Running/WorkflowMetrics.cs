using System.Diagnostics.Metrics;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Running;

/// <summary>The workflow's live instruments, exported at /metrics and to the dashboard.</summary>
public static class WorkflowMetrics
{
    /// <summary>The Meter and ActivitySource name; ServiceDefaults listens to it.</summary>
    public const string Name = Microsoft.Extensions.Hosting.Extensions.WorkflowTelemetryName;

    private static readonly Meter Meter = new(Name);

    private static readonly double[] LatencyBuckets =
    [
        0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ];

    public static readonly Counter<long> Sent = Meter.CreateCounter<long>(
        "meshaspire.workflow.messages.sent", "{message}", "Messages handed to the next hop.");

    public static readonly Counter<long> Received = Meter.CreateCounter<long>(
        "meshaspire.workflow.messages.received", "{message}", "Messages received from the previous hop (distinct, at the conclusion).");

    public static readonly Counter<long> Acknowledged = Meter.CreateCounter<long>(
        "meshaspire.workflow.messages.acknowledged", "{message}", "Messages the next hop echoed or acknowledged.");

    public static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "meshaspire.workflow.messages.failed", "{message}", "Messages not delivered to the next hop, or of unknown fate, by reason.");

    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>(
        "meshaspire.workflow.messages.duplicates", "{message}", "Messages that arrived at the conclusion more than once.");

    public static readonly Counter<long> Reordered = Meter.CreateCounter<long>(
        "meshaspire.workflow.messages.reordered", "{message}", "Messages that arrived at the conclusion after a later one.");

    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "meshaspire.workflow.messages.dropped", "{message}", "Messages consumed from a broker and not measured, by reason: another run's, or not an envelope.");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram(
        "meshaspire.workflow.latency",
        "s",
        "Latency by kind: e2e, service-time, round-trip, generator-lag.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly KeyValuePair<string, object?>[] KindTags =
        Enum.GetValues<LatencyKind>().Select(kind => new KeyValuePair<string, object?>("kind", kind.ToKey())).ToArray();

    public static void RecordLatency(LatencyKind kind, long nanos) => Latency.Record(nanos / 1e9, KindTags[(int)kind]);
}
