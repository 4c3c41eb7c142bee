using System.Globalization;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// What the charts show, as CSV beside the page, every run in one file with the run as first column. Latency over
/// time is always in buckets here (every single message is in the run's messages.csv).
/// </summary>
public static class ReportCsv
{
    public const string LatencyOverTime = "chart-latency-over-time.csv";
    public const string LatencyPercentiles = "chart-latency-percentiles.csv";
    public const string Hops = "chart-hops.csv";
    public const string Rates = "chart-rates.csv";
    public const string Resources = "chart-resources.csv";
    public const string ResourceMeans = "chart-resource-means.csv";
    public const string Loss = "loss.csv";

    public static readonly string[] All = [LatencyOverTime, LatencyPercentiles, Hops, Rates, Resources, ResourceMeans, Loss];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task WriteAsync(string folder, IReadOnlyList<ReportedRun> runs, CancellationToken cancellationToken)
    {
        await Write(folder, LatencyOverTime, "run,bucket_start_s,bucket_s,count,min_ms,p50_ms,p99_ms,max_ms", runs, run =>
            run.Latency.Buckets.Select(b => Line(b.StartSeconds, run.Latency.BucketSeconds, b.Count, b.MinMs, b.P50Ms, b.P99Ms, b.MaxMs)), cancellationToken);
        await Write(folder, LatencyPercentiles, "run,percentile,one_in,latency_ms", runs, run =>
            run.Percentiles.Select(p => Line(p.Percentile, p.OneIn, p.ValueMs)), cancellationToken);
        await Write(folder, Hops, "run,caller,hop,measure,count,min_ms,mean_ms,p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms", runs, run =>
            run.Summary.Hops.SelectMany(h => new[] { ("transit", h.Transit), ("service-time", h.ServiceTime), ("answer", h.RoundTrip) }
                .Select(m => Line(h.Caller, h.Component, m.Item1, m.Item2.Count, m.Item2.MinMs, m.Item2.MeanMs, m.Item2.P50Ms, m.Item2.P90Ms, m.Item2.P99Ms, m.Item2.P999Ms, m.Item2.MaxMs))), cancellationToken);
        await Write(folder, Rates, "run,bucket_start_s,target_per_s,achieved_per_s", runs, RateLines, cancellationToken);
        await Write(folder, Resources, "run,t_s,metric,cluster,component,container,role,value", runs, run =>
            run.Resources.Tracks.SelectMany(t => t.Points.Select(p => Line(run.SecondsOf(p.At), t.Metric, t.Cluster, t.Component, t.Container, t.Role, p.Value))), cancellationToken);
        await Write(folder, ResourceMeans, "run,metric,cluster,component,container,role,mean,samples", runs, run =>
            run.Resources.Tracks.Select(t =>
            {
                var (mean, samples) = t.Mean(run.Summary.Start, run.Summary.End);
                return Line(t.Metric, t.Cluster, t.Component, t.Container, t.Role, mean, samples);
            }), cancellationToken);
        await Write(folder, Loss, "run,caller,component,handed_on,received,lost,duplicates,reordered", runs, run =>
            run.Loss.Select(l => Line(l.Caller, l.Component, l.HandedOn, l.Received, l.Lost, l.Duplicates, l.Reordered)), cancellationToken);
    }

    private static IEnumerable<string> RateLines(ReportedRun run)
    {
        var achieved = run.AchievedRate.ToDictionary(p => p.StartSeconds, p => p.PerSecond);
        var starts = run.TargetRate.Select(p => p.StartSeconds).Union(achieved.Keys).Order();
        var target = run.TargetRate.ToDictionary(p => p.StartSeconds, p => p.PerSecond);
        return starts.Select(s => Line(s, target.TryGetValue(s, out var t) ? t : null, achieved.TryGetValue(s, out var a) ? a : null));
    }

    private static async Task Write(string folder, string name, string header, IReadOnlyList<ReportedRun> runs, Func<ReportedRun, IEnumerable<string>> lines, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(Path.Combine(folder, name));
        writer.NewLine = "\n";
        await writer.WriteLineAsync(header);
        foreach (var run in runs)
        {
            foreach (var line in lines(run))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(Field(run.Id));
                await writer.WriteAsync(',');
                await writer.WriteLineAsync(line);
            }
        }
    }

    private static string Line(params object?[] fields) => string.Join(',', fields.Select(f => f switch
    {
        null => "",
        double d => d.ToString("0.######", Invariant),
        IFormattable n => n.ToString(null, Invariant),
        _ => Field(f.ToString() ?? ""),
    }));

    /// <summary>A text field, quoted when it holds a comma, quote or line break.</summary>
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
