using System.Globalization;
using System.Text;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Results;

/// <summary>The run's summary as a plain-text table, for the console and summary.txt.</summary>
public static class SummaryTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// What a hop's answer is: on a sync transport the next hop's echo (a round trip); on an async one the broker's
    /// confirmation of the publish (or, for core NATS, the client taking it), since async actions do not echo.
    /// </summary>
    public static string AnswerOf(string transport) =>
        TransportKindExtensions.FromKey(transport)?.IsSynchronous() == true ? "round trip" : "publish";

    public static string Render(RunSummary summary)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"run {summary.RunId}   scenario {summary.Scenario}   transport {summary.Transport}   mesh {summary.Mesh}   pacing {summary.Pacing}   payload {summary.PayloadBytes} B");
        text.AppendLine(summary.Completed ? "status    measured" : "status    NOT MEASURED (see notes)");
        var m = summary.Messages;
        text.AppendLine(Invariant, $"messages  scheduled {m.Scheduled}   sent {m.Sent}   received {m.Received}   lost {m.Lost}   duplicates {m.Duplicates}   reordered {m.Reordered}   send failures {m.SendFailed}");
        text.AppendLine(Invariant, $"rate      target {summary.Rate.Target:0.##}/s   achieved {summary.Rate.Achieved:0.##}/s   delivered {summary.Rate.Delivered:0.##}/s");
        if (summary.Clocks.Count > 0)
        {
            text.AppendLine(Clocks(summary));
        }

        text.AppendLine();

        text.AppendLine(Invariant, $"{"latency (ms)",-36}{"count",10}{"p50",10}{"p90",10}{"p99",10}{"p99.9",10}{"max",10}");
        Row(text, "end-to-end", summary.EndToEnd);
        Row(text, "generator lag", summary.GeneratorLag);
        if (summary.Reply is { } reply)
        {
            Row(text, "reply (trigger clock)", reply);
        }
        var answer = AnswerOf(summary.Transport);
        foreach (var hop in summary.Hops)
        {
            Row(text, $"{hop.Component} service time", hop.ServiceTime);
            Row(text, $"{hop.Caller} -> {hop.Component} {answer}", hop.RoundTrip);
            Row(text, $"{hop.Caller} -> {hop.Component} transit", hop.Transit);
        }

        text.AppendLine();
        text.AppendLine(Invariant, $"{"hop",-36}{"received",10}{"lost on the way",17}");
        foreach (var hop in summary.Hops)
        {
            text.AppendLine(Invariant, $"{hop.Caller + " -> " + hop.Component,-36}{Count(hop.Received),10}{Count(hop.LostBefore),17}");
        }

        if (summary.Repetitions.Count > 1)
        {
            text.AppendLine();
            text.AppendLine(Invariant, $"{"repetition",-12}{"sent",10}{"received",10}{"lost",10}{"e2e p50",10}{"e2e p99",10}");
            foreach (var repetition in summary.Repetitions)
            {
                text.AppendLine(Invariant, $"{repetition.Repetition,-12}{repetition.Sent,10}{repetition.Received,10}{repetition.Lost,10}{Ms(repetition.EndToEnd.P50Ms),10}{Ms(repetition.EndToEnd.P99Ms),10}");
            }
        }

        foreach (var note in summary.Notes)
        {
            text.AppendLine(Invariant, $"note: {note}");
        }

        return text.ToString();
    }

    /// <summary>
    /// Each clock's offset to the collector's with its bound, and its drift when larger than the two readings'
    /// bounds (smaller, it is indistinguishable from none); then the bound of end-to-end latency.
    /// </summary>
    private static string Clocks(RunSummary summary)
    {
        var line = new StringBuilder("clocks    offset to the collector's (ms):");
        foreach (var clock in summary.Clocks)
        {
            line.Append(Invariant, $"   {clock.Component} ");
            line.Append(clock.OffsetMs is { } offset ? string.Create(Invariant, $"{offset:+0.000;-0.000;0.000} ±{clock.ErrorBoundMs:0.000}") : "not measured");
            if (clock.DriftMs is { } drift && Math.Abs(drift) > 2 * clock.ErrorBoundMs!.Value)
            {
                line.Append(Invariant, $" drift {drift:+0.000;-0.000}");
            }
        }

        line.Append(summary.EndToEndErrorBoundMs is { } bound ? string.Create(Invariant, $"   end-to-end ±{bound:0.000}") : "   end-to-end unbounded");
        return line.ToString();
    }

    private static void Row(StringBuilder text, string name, LatencySummary latency) =>
        text.AppendLine(Invariant, $"{name,-36}{latency.Count,10}{Ms(latency.P50Ms),10}{Ms(latency.P90Ms),10}{Ms(latency.P99Ms),10}{Ms(latency.P999Ms),10}{Ms(latency.MaxMs),10}");

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", Invariant);

    private static string Count(long? count) => count?.ToString(Invariant) ?? "-";
}
