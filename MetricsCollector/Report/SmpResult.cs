using System.Text.Json.Serialization;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// A run in the shape of the Service Mesh Performance specification's <c>PerformanceTestResult</c> (smps.proto:
/// id, labels, start_time, end_time, latencies_ms, actual_QPS, details_uri, testId, meshConfigId, envId; field names
/// as in the proto), with what that shape cannot say under <c>meshaspire</c>. actual_QPS is the rate the load was
/// sent at (as a load generator reports it); the rate of arrivals is <c>meshaspire.rate.delivered</c>.
/// </summary>
public sealed record SmpResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("start_time")] DateTimeOffset? StartTime,
    [property: JsonPropertyName("end_time")] DateTimeOffset? EndTime,
    [property: JsonPropertyName("latencies_ms")] SmpLatencies LatenciesMs,
    [property: JsonPropertyName("actual_QPS")] double ActualQps,
    [property: JsonPropertyName("details_uri")] string DetailsUri,
    [property: JsonPropertyName("testId")] string TestId,
    [property: JsonPropertyName("meshConfigId")] string MeshConfigId,
    [property: JsonPropertyName("envId")] string EnvId,
    [property: JsonPropertyName("meshaspire")] SmpExtension MeshAspire)
{
    public static SmpResult From(ReportedRun run, string detailsUri)
    {
        var s = run.Summary;
        var e2e = s.EndToEnd;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in run.Run.Labels)
        {
            labels[key] = value;
        }

        labels["scenario"] = s.Scenario;
        labels["mesh"] = run.Label("mesh");
        labels["transport"] = run.Label("transport");
        labels["pacing"] = s.Pacing;
        var environment = run.Label("environment");
        return new SmpResult(
            s.RunId,
            labels,
            s.Start,
            s.End,
            new SmpLatencies(e2e.MinMs, e2e.MeanMs, e2e.P50Ms, e2e.P90Ms, e2e.P99Ms, e2e.MaxMs),
            s.Rate.Achieved,
            detailsUri,
            s.RunId,
            labels["mesh"],
            environment,
            new SmpExtension(
                s.Completed,
                environment,
                labels["mesh"],
                labels["transport"],
                e2e.P999Ms,
                e2e.Count,
                s.Messages,
                s.Messages.Sent > 0 ? (double)s.Messages.Lost / s.Messages.Sent : 0,
                s.Messages.SendFailed,
                s.Rate,
                s.Notes));
    }
}

/// <summary>smps.proto's <c>PerformanceTestResult.Latency</c>, in milliseconds.</summary>
public sealed record SmpLatencies(
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("average")] double Average,
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p90")] double P90,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("max")] double Max);

/// <param name="Errors">Messages the trigger could not hand to the first hop.</param>
/// <param name="LossRatio">Lost / sent.</param>
public sealed record SmpExtension(
    [property: JsonPropertyName("completed")] bool Completed,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("mesh")] string Mesh,
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("p99_9_ms")] double P999Ms,
    [property: JsonPropertyName("latency_count")] long LatencyCount,
    [property: JsonPropertyName("messages")] MessageCounts Messages,
    [property: JsonPropertyName("loss_ratio")] double LossRatio,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("rate")] RateSummary Rate,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);
