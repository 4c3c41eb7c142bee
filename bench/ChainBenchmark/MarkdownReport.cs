using System.Globalization;
using System.Text;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.Bench;

/// <summary>The benchmark's report: the machine and command line, then one table per case with a row per rate.</summary>
public static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(MachineFacts machine, BenchmarkOptions options, IReadOnlyList<CaseResult> results, bool cancelled)
    {
        var text = new StringBuilder();
        text.AppendLine("# Chain benchmark");
        text.AppendLine();
        var arguments = options.Arguments.Count == 0 ? string.Empty : " -- " + string.Join(' ', options.Arguments.Select(Quote));
        Line(text, $"- Command: `dotnet run -c Release --project bench/ChainBenchmark{arguments}`");
        Line(text, $"- Date: {machine.Date:yyyy-MM-dd HH:mm} UTC; commit {machine.Commit}");
        Line(text, $"- Machine: {machine.Processors} processors (nproc), {machine.MemoryGiB:0.0} GiB memory, {machine.CpuModel}");
        Line(text, $"- OS: {machine.OperatingSystem}; kernel {machine.Kernel}");
        Line(text, $"- .NET: {machine.DotNet}; {RepositoryLayout.BuildConfiguration} builds; role programs {(options.Runtime == RoleRuntime.Aot ? "published native AOT" : "as built (JIT)")}; every process on loopback (127.0.0.1)");
        Line(text, $"- Payload {options.PayloadBytes} B; warm-up {Seconds(options.Warmup)} at the case's rate before each case, left out of every number; drain up to {Seconds(BenchmarkOptions.Drain)}");
        if (options.DurationScale != 1)
        {
            Line(text, $"- **Durations scaled by {options.DurationScale:0.###}**: a quick check, not a measurement to quote.");
        }

        if (cancelled)
        {
            text.AppendLine("- **Cancelled**: the cases below are the ones that finished.");
        }

        text.AppendLine();
        text.AppendLine("""
            Latencies in ms. Floor: round trip of one unary gRPC `Deliver` call on the client's clock (acknowledgement - actual send).
            Machine floor and chain: end to end, from the trigger's intended send time to the arrival at the conclusion (open loop: generator
            lag is included, never hidden). Max RSS: largest VmRSS sampled every 500 ms over the process's life. CPU: utime + stime
            over the sending window (warm-up and measured sends) divided by the window's seconds, i.e. cores used. Machine CPU:
            cores busy on the whole machine (time not idle, from /proc/uptime and /proc/stat: every process) in the second before the case (the benchmark waits, up to
            30 s, for a second below 0.25 cores) and during its window;
            well above the case's own processes, it means something else was running (or, in a sandbox such as gVisor, CPU
            its kernel spends that no process is charged with): numbers taken on a busy machine are not the chain's own.
            """);

        foreach (var kind in options.Kinds)
        {
            var rows = results.Where(r => r.Kind == kind).ToArray();
            if (rows.Length > 0)
            {
                Table(text, kind, rows);
            }
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, CaseKind kind, IReadOnlyList<CaseResult> rows)
    {
        text.AppendLine();
        text.AppendLine($"## {kind.Title()}");
        text.AppendLine();
        var latency = kind == CaseKind.Floor ? "round trip" : "e2e";
        Line(text, $"| rate (msg/s) | duration | sent | received | lost | achieved rate | gen. lag p99 | {latency} p50 | p90 | p99 | p99.9 | max | max RSS (MB) | CPU (cores) | machine CPU before / during | goal |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|");
        foreach (var row in rows)
        {
            if (row.Error is not null)
            {
                Line(text, $"| {row.Rate:N0} | {Seconds(row.Duration)} | | | | | | | | | | | | {Cores(row.MachineCoresBefore)} / {Cores(row.MachineCoresDuring)} | not measured: {Cell(row.Error)} |");
                continue;
            }

            var l = row.Latency;
            var goals = Goals.Check(row);
            var goal = kind.IsFloor() ? "— (floor)" : goals.Count == 0 ? "—" : string.Join("; ", goals);
            Line(text, $"| {row.Rate:N0} | {Seconds(row.Duration)} | {row.Sent:N0} | {row.Received:N0} | {row.Lost:N0} | {row.AchievedRate:N0} ({row.AchievedPercent:0.00} %) | {Ms(row.GeneratorLag.P99Ms)} | {Ms(l.P50Ms)} | {Ms(l.P90Ms)} | {Ms(l.P99Ms)} | {Ms(l.P999Ms)} | {Ms(l.MaxMs)} | {Usage(row, u => u.MaxRssMb.ToString("0.0", Invariant))} | {Usage(row, u => Cores(u.Cores))} | {Cores(row.MachineCoresBefore)} / {Cores(row.MachineCoresDuring)} | {goal} |");
        }

        var notes = rows.SelectMany(r => r.Notes.Select(n => (r.Rate, Note: n))).ToArray();
        if (notes.Length > 0)
        {
            text.AppendLine();
            foreach (var (rate, note) in notes)
            {
                Line(text, $"- {rate:N0} msg/s: {Cell(note)}");
            }
        }

        foreach (var row in rows.Where(r => r.Details is not null))
        {
            text.AppendLine();
            Line(text, $"<details><summary>{kind.Key()} at {row.Rate:N0} msg/s: the collector's summary (per hop)</summary>");
            text.AppendLine();
            text.AppendLine("```text");
            text.AppendLine(row.Details!.TrimEnd());
            text.AppendLine("```");
            text.AppendLine();
            text.AppendLine("</details>");
        }
    }

    private static string Usage(CaseResult row, Func<ProcessUsage, string> value) =>
        string.Join("<br>", row.Usage.Select(u => $"{u.Name} {value(u)}"));

    private static string Cores(double cores) => double.IsFinite(cores) ? cores.ToString("0.00", Invariant) : "?";

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", Invariant);

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds >= 1 && duration.TotalSeconds == Math.Floor(duration.TotalSeconds)
            ? string.Create(Invariant, $"{duration.TotalSeconds:0} s")
            : string.Create(Invariant, $"{duration.TotalSeconds:0.###} s");

    private static string Cell(string text) => text.ReplaceLineEndings(" ⏎ ").Replace("|", "\\|", StringComparison.Ordinal);

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ',' or '/' or '=' or ':') ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(Invariant));
}
