using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>The report the collector writes into a run's results folder once the run is collected and stored.</summary>
public static partial class CollectedRunReport
{
    /// <summary>
    /// Writes report.html and its files beside the results, from the analysis in hand (clock-corrected) and the
    /// run's scrapes as the store gives them back; a failure is logged, never a failed run.
    /// </summary>
    public static async Task WriteAsync(
        string folder, RunDescriptor run, RunAnalysis analysis, RunRecords records, IRunStore store, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var resources = await ResourceUsage.ReadAsync(store.ReadScrapesAsync(run.RunId, cancellationToken), cancellationToken);
            var html = await ReportWriter.WriteAsync(folder, [new ReportInput(new StoredRun(run, analysis, records), resources)], cancellationToken);
            LogWritten(logger, Path.GetFullPath(html));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            LogNotWritten(logger, folder, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "report written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "the report could not be written to {Folder}: {Reason}")]
    private static partial void LogNotWritten(ILogger logger, string folder, string reason);
}
