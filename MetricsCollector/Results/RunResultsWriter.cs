using System.Text.Json;
using System.Text.Json.Serialization;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.MetricsCollector.Results;

/// <summary>
/// Writes a run's results into one folder: summary.json, summary.txt (the table), messages.csv (one row per
/// message with every stamp), clocks.csv (each component's clock offsets, when measured) and histograms.hlog
/// (HdrHistogram log format, one tagged histogram per kind).
/// </summary>
public static class RunResultsWriter
{
    public const string SummaryJson = "summary.json";
    public const string SummaryText = "summary.txt";
    public const string MessagesCsv = "messages.csv";
    public const string HistogramsLog = "histograms.hlog";
    public const string ClocksCsv = "clocks.csv";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <returns>The folder written.</returns>
    public static async Task<string> WriteAsync(string folder, RunAnalysis analysis, RunRecords records, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await using (var summary = File.Create(Path.Combine(folder, SummaryJson)))
        {
            await JsonSerializer.SerializeAsync(summary, analysis.Summary, Json, cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, SummaryText), SummaryTable.Render(analysis.Summary), cancellationToken);

        await using (var messages = new StreamWriter(Path.Combine(folder, MessagesCsv)))
        {
            MessagesCsvWriter.Write(records, messages);
        }

        if (records.Clocks is { } clocks)
        {
            await using var clocksCsv = new StreamWriter(Path.Combine(folder, ClocksCsv));
            ClocksCsvWriter.Write(clocks, clocksCsv);
        }
        else
        {
            // A folder used before keeps no clocks of another run: a reload would correct this run's stamps with them.
            File.Delete(Path.Combine(folder, ClocksCsv));
        }

        await using (var log = File.Create(Path.Combine(folder, HistogramsLog)))
        {
            var start = analysis.Summary.Start?.UtcDateTime ?? DateTime.UtcNow;
            HistogramLog.Write(log, start, analysis.Histograms.Select(named => (named.Name, named.Histogram)));
        }

        return folder;
    }
}
