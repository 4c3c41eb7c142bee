using System.Text.Json;
using HdrHistogram;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// Reads a run back from the results folder the collector wrote (<see cref="RunResultsWriter"/>): its summary as
/// written (summary.json), its histograms (histograms.hlog), its rows (messages.csv) with the clocks that move their
/// stamps to the collector's (clocks.csv, when measured), its labels (run.json, when there), and the scrapes the
/// files store kept in it (<c>&lt;cluster&gt;/&lt;collection&gt;/&lt;target&gt;.prom</c>), if any.
/// </summary>
public static class ResultsFolderReader
{
    public static bool IsResultsFolder(string path) => File.Exists(Path.Combine(path, RunResultsWriter.SummaryJson));

    public static async Task<ReportInput> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var summaryPath = Path.Combine(folder, RunResultsWriter.SummaryJson);
        var summary = await Guarded(summaryPath, async () =>
        {
            await using var json = File.OpenRead(summaryPath);
            return await JsonSerializer.DeserializeAsync<RunSummary>(json, RunResultsWriter.Json, cancellationToken)
                   ?? throw new JsonException("null instead of a run summary");
        });
        var histogramsPath = Path.Combine(folder, RunResultsWriter.HistogramsLog);
        var histograms = File.Exists(histogramsPath) ? await Guarded(histogramsPath, () => Task.FromResult(ReadHistograms(histogramsPath))) : [];
        var messagesPath = Path.Combine(folder, RunResultsWriter.MessagesCsv);
        var records = await Guarded(messagesPath, () => Task.Run(() => MessagesCsvReader.Read(messagesPath), cancellationToken));
        try
        {
            records = records with { Clocks = ClocksCsvReader.ReadIfPresent(folder, records.Chain) };
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new ReportInputException($"{error.Message}: cannot be read", error);
        }

        if (histograms.Count == 0)
        {
            summary = summary with { Notes = [.. summary.Notes, $"{RunResultsWriter.HistogramsLog} is missing from {folder}: no percentile curve"] };
        }

        var described = await ReadRunFileAsync(folder, cancellationToken);
        var labels = described?.Labels ?? new Dictionary<string, string> { ["mesh"] = summary.Mesh, ["transport"] = summary.Transport };
        var run = new RunDescriptor(summary.RunId, summary.Scenario, "", summary.Start ?? File.GetLastWriteTimeUtc(summaryPath), labels);
        var scrapes = FileRunStore.ForRunFolder(summary.RunId, folder).ReadScrapesAsync(summary.RunId, cancellationToken);
        return new ReportInput(new StoredRun(run, new RunAnalysis(summary, histograms), records), await ResourceUsage.ReadAsync(scrapes, cancellationToken));
    }

    /// <summary>The run's descriptor (its labels: environment, clusters and the user's), when the folder has one.</summary>
    private static async Task<RunFile?> ReadRunFileAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            return await RunFolderFiles.ReadRunIfPresentAsync(folder, cancellationToken);
        }
        catch (Exception error) when (error is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException(error.Message, error);
        }
    }

    private static List<NamedHistogram> ReadHistograms(string path)
    {
        using var log = File.OpenRead(path);
        using var reader = new HistogramLogReader(log);
        return reader.ReadHistograms().Select(h => new NamedHistogram(h.Tag ?? "", h)).ToList();
    }

    /// <summary>Runs a read, turning what a damaged or unreadable file throws into a message that names the file.</summary>
    private static async Task<T> Guarded<T>(string path, Func<Task<T>> read)
    {
        if (!File.Exists(path))
        {
            throw new ReportInputException($"{path}: missing");
        }

        try
        {
            return await read();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ReportInputException($"{path}: cannot be read ({error.Message})", error);
        }
    }
}
