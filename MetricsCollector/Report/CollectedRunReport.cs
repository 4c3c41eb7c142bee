using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>The report the collector writes into a run's results folder once the run is collected.</summary>
public static partial class CollectedRunReport
{
    /// <summary>Writes report.html and its files beside the results; a failure is logged, never a failed run.</summary>
    public static async Task WriteAsync(string folder, RunAnalysis analysis, RunRecords records, ILogger logger, CancellationToken cancellationToken)
    {
        var summary = analysis.Summary;
        var labels = new Dictionary<string, string> { ["mesh"] = summary.Mesh, ["transport"] = summary.Transport };
        var run = new RunDescriptor(summary.RunId, summary.Scenario, "", summary.Start ?? DateTimeOffset.UtcNow, labels);
        try
        {
            var html = await ReportWriter.WriteAsync(folder, [ReportInput.Collected(run, analysis, records)], cancellationToken);
            LogWritten(logger, Path.GetFullPath(html));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            LogNotWritten(logger, folder, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "report written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "the report could not be written to {Folder}: {Reason}")]
    private static partial void LogNotWritten(ILogger logger, string folder, string reason);
}
