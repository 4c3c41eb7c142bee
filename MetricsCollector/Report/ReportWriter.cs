using System.Text.Json;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// Writes a report of one or more runs into a folder: report.html, the SMP result of each run, and the CSVs of the
/// charts. The SMP result is <c>smp-result.json</c>, not <c>summary.json</c>: the collector writes the report into
/// the run's results folder, where summary.json is already the run's own summary in its own shape.
/// </summary>
public static class ReportWriter
{
    public const string Html = "report.html";
    public const string SmpResultJson = "smp-result.json";

    /// <summary>snake_case like smps.proto's own fields, for what it adds under <c>meshaspire</c>.</summary>
    public static readonly JsonSerializerOptions SmpJson = new(JsonSerializerDefaults.General)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>With several runs, each one's SMP result is <c>smp-result.&lt;run id&gt;.json</c>.</summary>
    public static string SmpResultFile(string runId, int runs) => runs == 1 ? SmpResultJson : $"smp-result.{runId}.json";

    /// <returns>The path of report.html.</returns>
    public static async Task<string> WriteAsync(string folder, IReadOnlyList<ReportInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(inputs.Count);
        Directory.CreateDirectory(folder);
        var runs = RunReduction.Reduce(inputs);
        var charts = ReportCharts.Build(runs);
        var html = Path.Combine(folder, Html);
        await using (var page = File.Create(html))
        {
            await ReportPage.WriteAsync(page, runs, charts, cancellationToken);
        }

        foreach (var run in runs)
        {
            await using var smp = File.Create(Path.Combine(folder, SmpResultFile(run.Id, runs.Count)));
            await JsonSerializer.SerializeAsync(smp, SmpResult.From(run, Html), SmpJson, cancellationToken);
        }

        await ReportCsv.WriteAsync(folder, runs, cancellationToken);
        return html;
    }
}
