using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>Every chart of a report, each with every run on the same axes, one colour per run.</summary>
public static class ReportCharts
{
    private const double Mebibyte = 1024 * 1024;

    public static readonly string[] Roles = [ResourceSeries.ApplicationRole, ResourceSeries.SidecarRole, ResourceSeries.BrokerRole, ResourceSeries.CollectorRole];

    public static IReadOnlyList<ChartSpec> Build(IReadOnlyList<ReportedRun> runs)
    {
        var charts = new List<ChartSpec> { LatencyOverTime(runs), LatencyPercentiles(runs), HopBreakdown(runs), Rates(runs) };
        foreach (var (metric, name) in new[] { (ResourceSeries.CpuCores, "cpu"), (ResourceSeries.MemoryBytes, "memory") })
        {
            foreach (var role in Roles)
            {
                if (ResourceOverTime(runs, metric, name, role) is { } chart)
                {
                    charts.Add(chart);
                }
            }

            if (ResourceMeans(runs, metric, name) is { } means)
            {
                charts.Add(means);
            }
        }

        return charts;
    }

    public static ChartSpec LatencyOverTime(IReadOnlyList<ReportedRun> runs)
    {
        var series = new List<ChartSeries>();
        var bucket = runs.Count > 0 ? runs[0].Latency.BucketSeconds : 1;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var color = RunColors.Of(r);
            if (run.Latency.EveryMessage is { } points)
            {
                series.Add(new ChartSeries($"{run.Id} every message", color, [.. points.Select(p => Seconds(p.Seconds))], [.. points.Select(p => (double?)Ms(p.Ms))], SeriesStyle.Points));
                continue;
            }

            var buckets = run.Latency.Buckets;
            double[] x = [.. buckets.Select(b => Seconds(b.StartSeconds))];
            series.Add(new ChartSeries($"{run.Id} max", color, x, [.. buckets.Select(b => (double?)Ms(b.MaxMs))], Width: 0.75, Dash: RunColors.Dash(2)));
            series.Add(new ChartSeries($"{run.Id} p99", color, x, [.. buckets.Select(b => (double?)Ms(b.P99Ms))], Width: 1.25, Dash: RunColors.Dash(1)));
            series.Add(new ChartSeries($"{run.Id} p50", color, x, [.. buckets.Select(b => (double?)Ms(b.P50Ms))], Width: 2));
            series.Add(new ChartSeries($"{run.Id} min", color, x, [.. buckets.Select(b => (double?)Ms(b.MinMs))], Width: 0.75, Dash: RunColors.Dash(4)));
        }

        return new ChartSpec(
            "latency-over-time",
            "End-to-end latency over time",
            $"Each message at its intended send time (time 0: the run's first). A run of at most {LatencyTimeline.EveryMessageLimit:N0} delivered messages shows every message; a larger one shows, per {Duration(bucket)} bucket, the exact min, p50, p99 and max of its messages (nearest rank, not a histogram estimate).",
            new ChartAxis("s since the first intended send", AxisFormat.Seconds),
            new ChartAxis("end-to-end latency (ms)"),
            series);
    }

    public static ChartSpec LatencyPercentiles(IReadOnlyList<ReportedRun> runs) => new(
        "latency-percentiles",
        "End-to-end latency by percentile",
        "HdrHistogram percentile distribution of every delivered message (warm-up left out), on a log axis of 1 / (1 - percentile); the last point of each run is its maximum, placed at one in its message count.",
        new ChartAxis("percentile", AxisFormat.Percentile, Log: true),
        new ChartAxis("end-to-end latency (ms)"),
        [.. runs.Select((run, r) => new ChartSeries(run.Id, RunColors.Of(r), [.. run.Percentiles.Select(p => p.OneIn)], [.. run.Percentiles.Select(p => (double?)Ms(p.ValueMs))], Width: 2))]);

    /// <summary>Groups of bars, one group per hop and measure, one bar per run (its p50) with its p99 as a point above.</summary>
    public static ChartSpec HopBreakdown(IReadOnlyList<ReportedRun> runs)
    {
        var hops = runs.SelectMany(r => r.Summary.Hops.Select(h => (h.Caller, h.Component))).Distinct().ToArray();
        var measures = new (string Name, Func<HopSummary, LatencySummary> Of)[]
        {
            ("transit", h => h.Transit),
            ("service", h => h.ServiceTime),
            ("answer", h => h.RoundTrip),
        };
        var groups = hops.SelectMany(hop => measures.Select(m => (hop.Caller, hop.Component, m.Name, m.Of))).ToArray();
        var slots = runs.Count + 1;
        var categories = groups.Select((g, i) => new ChartCategory((i * slots) + ((runs.Count - 1) / 2.0), g.Name switch
        {
            "service" => $"{g.Component} service",
            "transit" => $"{g.Caller}→{g.Component} transit",
            _ => $"{g.Caller}→{g.Component} {Answers(runs, g.Component)}",
        })).ToArray();
        var series = new List<ChartSeries>();
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var latencies = groups.Select(g => run.Summary.Hops.FirstOrDefault(h => h.Caller == g.Caller && h.Component == g.Component) is { } hop ? g.Of(hop) : null).ToArray();
            var (x, p50) = Slots(runs.Count, r, [.. latencies.Select(l => l is { Count: > 0 } ? Ms(l.P50Ms) : (double?)null)]);
            var (_, p99) = Slots(runs.Count, r, [.. latencies.Select(l => l is { Count: > 0 } ? Ms(l.P99Ms) : (double?)null)]);
            series.Add(new ChartSeries($"{run.Id} p50", RunColors.Of(r), x, p50, SeriesStyle.Bars));
            series.Add(new ChartSeries($"{run.Id} p99", RunColors.Of(r), x, p99, SeriesStyle.Points));
        }

        return new ChartSpec(
            "hop-breakdown",
            "Per hop: transit, service time and answer",
            "Bars: p50; points: p99. Transit is a hop's receive minus its caller's send (two clocks); service time its send minus its receive (its clock: queueing and processing); the answer is its caller's round trip (sync transports) or publish confirmation (async), on the caller's clock.",
            new ChartAxis("hop", AxisFormat.Category),
            new ChartAxis("ms"),
            series,
            categories);
    }

    public static ChartSpec Rates(IReadOnlyList<ReportedRun> runs)
    {
        var series = new List<ChartSeries>();
        var bucket = runs.Count > 0 ? runs[0].RateBucketSeconds : 1;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            series.Add(new ChartSeries($"{run.Id} target", RunColors.Of(r), [.. run.TargetRate.Select(p => Seconds(p.StartSeconds))], [.. run.TargetRate.Select(p => (double?)Math.Round(p.PerSecond, 3))], Width: 1, Dash: RunColors.Dash(1)));
            series.Add(new ChartSeries($"{run.Id} achieved", RunColors.Of(r), [.. run.AchievedRate.Select(p => Seconds(p.StartSeconds))], [.. run.AchievedRate.Select(p => (double?)Math.Round(p.PerSecond, 3))], Width: 2));
        }

        return new ChartSpec(
            "rates",
            "Achieved against target rate",
            $"Messages per second in {Duration(bucket)} buckets: target counts the intended send times (the schedule), achieved the trigger's actual sends.",
            new ChartAxis("s since the first intended send", AxisFormat.Seconds),
            new ChartAxis("messages/s"),
            series);
    }

    public static ChartSpec? ResourceOverTime(IReadOnlyList<ReportedRun> runs, string metric, string name, string role)
    {
        var series = new List<ChartSeries>();
        for (var r = 0; r < runs.Count; r++)
        {
            var tracks = runs[r].Resources.Tracks.Where(t => t.Metric == metric && t.Role == role).ToArray();
            for (var t = 0; t < tracks.Length; t++)
            {
                var points = tracks[t].Points;
                series.Add(new ChartSeries(
                    $"{runs[r].Id} {tracks[t].Name}",
                    RunColors.Of(r),
                    [.. points.Select(p => Seconds(runs[r].SecondsOf(p.At)))],
                    [.. points.Select(p => p.Value is { } v ? Resource(metric, v) : (double?)null)],
                    Width: 1.5,
                    Dash: RunColors.Dash(t)));
            }
        }

        return series.Count == 0 ? null : new ChartSpec(
            $"{name}-{role}",
            $"{(name == "cpu" ? "CPU" : "Memory")} over time: {role}",
            $"Every {role} container or process of each run (dash pattern per component); a gap is a scrape that failed or did not give the series.",
            new ChartAxis("s since the first intended send", AxisFormat.Seconds),
            new ChartAxis(Unit(metric)),
            series);
    }

    /// <summary>Per role, the sum over its containers of each one's mean during the measured part of the run.</summary>
    public static ChartSpec? ResourceMeans(IReadOnlyList<ReportedRun> runs, string metric, string name)
    {
        var roles = Roles.Where(role => runs.Any(run => run.Resources.Tracks.Any(t => t.Metric == metric && t.Role == role))).ToArray();
        if (roles.Length == 0)
        {
            return null;
        }

        var slots = runs.Count + 1;
        var series = runs.Select((run, r) =>
        {
            var (x, y) = Slots(runs.Count, r, [.. roles.Select(role => (double?)Resource(metric, ResourceTotals.Of(run, metric, role)))]);
            return new ChartSeries(run.Id, RunColors.Of(r), x, y, SeriesStyle.Bars);
        }).ToArray();
        return new ChartSpec(
            $"{name}-means",
            $"Mean {(name == "cpu" ? "CPU" : "memory")} by role",
            "The sum over a role's containers of each one's mean from the run's first send to its last arrival: application, sidecar and broker apart.",
            new ChartAxis("role", AxisFormat.Category),
            new ChartAxis(Unit(metric)),
            series,
            [.. roles.Select((role, i) => new ChartCategory((i * slots) + ((runs.Count - 1) / 2.0), role))]);
    }

    /// <summary>
    /// A grouped bar chart's positions: group g holds one slot per run and a gap, run r at g * (runs + 1) + r. Every
    /// series gets every position (null where it has no bar), so every bar has the same width.
    /// </summary>
    private static (double[] X, double?[] Y) Slots(int runs, int run, double?[] values)
    {
        var slots = runs + 1;
        var x = Enumerable.Range(0, values.Length * slots).Select(i => (double)i).ToArray();
        var y = new double?[x.Length];
        for (var g = 0; g < values.Length; g++)
        {
            y[(g * slots) + run] = values[g];
        }

        return (x, y);
    }

    private static string Answers(IReadOnlyList<ReportedRun> runs, string component) =>
        string.Join(" / ", runs.Where(r => r.Summary.Hops.Any(h => h.Component == component)).Select(r => SummaryTable.AnswerOf(r.Summary.Transport)).Distinct());

    private static string Unit(string metric) => metric == ResourceSeries.CpuCores ? "CPU (cores)" : "memory (MiB)";

    private static double Resource(string metric, double value) =>
        metric == ResourceSeries.CpuCores ? Math.Round(value, 4) : Math.Round(value / Mebibyte, 3);

    private static double Seconds(double seconds) => Math.Round(seconds, 6);

    private static double Ms(double ms) => Math.Round(ms, 4);

    private static string Duration(double seconds) => seconds >= 1 ? $"{seconds:0.###} s" : $"{seconds * 1000:0.###} ms";
}
