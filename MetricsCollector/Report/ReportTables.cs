using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>The report's tables: the numbers behind the charts, exact where the charts are reduced.</summary>
public static class ReportTables
{
    public static string Runs(IReadOnlyList<ReportedRun> runs)
    {
        var table = new HtmlTable("runs", "run", "scenario", "mesh", "transport", "environment", "pacing", "payload (B)", "start (UTC)", "end (UTC)", "status");
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var s = run.Summary;
            table.Row(r, run.Id, s.Scenario, run.Label("mesh"), run.Label("transport"), Text(run.Label("environment")), s.Pacing, s.PayloadBytes,
                Time(s.Start), Time(s.End), s.Completed ? "measured" : "NOT MEASURED");
        }

        return table.ToString();
    }

    public static string Latencies(IReadOnlyList<ReportedRun> runs)
    {
        var table = new HtmlTable("latencies", "run", "latency (ms)", "count", "min", "mean", "p50", "p90", "p99", "p99.9", "max");
        for (var r = 0; r < runs.Count; r++)
        {
            var s = runs[r].Summary;
            Latency(table, r, runs[r].Id, "end-to-end", s.EndToEnd);
            Latency(table, r, runs[r].Id, "generator lag", s.GeneratorLag);
            if (s.Reply is { } reply)
            {
                Latency(table, r, runs[r].Id, "reply (trigger clock)", reply);
            }
        }

        return table.ToString();
    }

    public static string Hops(IReadOnlyList<ReportedRun> runs)
    {
        var table = new HtmlTable("hops", "run", "hop", "measure", "count", "min", "mean", "p50", "p90", "p99", "p99.9", "max");
        for (var r = 0; r < runs.Count; r++)
        {
            var answer = SummaryTable.AnswerOf(runs[r].Summary.Transport);
            foreach (var hop in runs[r].Summary.Hops)
            {
                var name = $"{hop.Caller} → {hop.Component}";
                Latency(table, r, runs[r].Id, name, hop.Transit, "transit");
                Latency(table, r, runs[r].Id, name, hop.ServiceTime, "service time");
                Latency(table, r, runs[r].Id, name, hop.RoundTrip, answer);
            }
        }

        return table.ToString();
    }

    public static string Rates(IReadOnlyList<ReportedRun> runs)
    {
        var table = new HtmlTable("rates", "run", "target (msg/s)", "achieved (msg/s)", "delivered (msg/s)", "scheduled", "sent", "send failures");
        for (var r = 0; r < runs.Count; r++)
        {
            var s = runs[r].Summary;
            table.Row(r, runs[r].Id, s.Rate.Target, s.Rate.Achieved, s.Rate.Delivered, s.Messages.Scheduled, s.Messages.Sent, s.Messages.SendFailed);
        }

        return table.ToString();
    }

    public static string Loss(IReadOnlyList<ReportedRun> runs)
    {
        var table = new HtmlTable("loss", "run", "where", "sent / handed on", "received", "lost", "duplicates", "reordered");
        for (var r = 0; r < runs.Count; r++)
        {
            foreach (var line in runs[r].Loss)
            {
                var where = line.Caller is null ? "whole run (trigger → conclusion)" : $"{line.Caller} → {line.Component}";
                table.Row(r, runs[r].Id, where, line.HandedOn, line.Received, line.Lost, line.Duplicates, line.Reordered);
            }
        }

        return table.ToString();
    }

    /// <summary>Every container's means, and per role their sum; null when no run has resource samples.</summary>
    public static string? ResourceMeans(IReadOnlyList<ReportedRun> runs)
    {
        if (runs.All(r => r.Resources.Tracks.Count == 0))
        {
            return null;
        }

        var table = new HtmlTable("resource-means", "run", "role", "container", "mean CPU (cores)", "mean memory (MiB)", "samples");
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            foreach (var role in ReportCharts.Roles)
            {
                var names = run.Resources.Tracks.Where(t => t.Role == role).Select(t => (t.Cluster, t.Component, t.Container, t.Name)).Distinct().ToArray();
                if (names.Length == 0)
                {
                    continue;
                }

                foreach (var name in names)
                {
                    var cpu = Find(run, ResourceSeries.CpuCores, name);
                    var memory = Find(run, ResourceSeries.MemoryBytes, name);
                    table.Row(r, run.Id, role, name.Name, cpu?.Mean, memory?.Mean / (1024 * 1024), Math.Max(cpu?.Samples ?? 0, memory?.Samples ?? 0));
                }

                table.Row(r, run.Id, role, "all " + role, ResourceTotals.Of(run, ResourceSeries.CpuCores, role), ResourceTotals.Of(run, ResourceSeries.MemoryBytes, role) / (1024 * 1024), null);
            }
        }

        return table.ToString();
    }

    private static (double Mean, int Samples)? Find(ReportedRun run, string metric, (string Cluster, string Component, string Container, string Name) name) =>
        run.Resources.Tracks.FirstOrDefault(t => t.Metric == metric && t.Cluster == name.Cluster && t.Component == name.Component && t.Container == name.Container) is { } track
            ? track.Mean(run.Summary.Start, run.Summary.End)
            : null;

    private static void Latency(HtmlTable table, int run, string runId, string name, LatencySummary l, string? measure = null)
    {
        object?[] numbers = [l.Count, l.MinMs, l.MeanMs, l.P50Ms, l.P90Ms, l.P99Ms, l.P999Ms, l.MaxMs];
        table.Row(run, runId, measure is null ? [name, .. numbers] : [name, measure, .. numbers]);
    }

    private static string Text(string value) => value.Length == 0 ? "–" : value;

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
