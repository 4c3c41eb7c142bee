using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>What the report is drawn from for one run: the run as stored and its resource usage read from its scrapes.</summary>
public sealed record ReportInput(StoredRun Stored, ResourceUsage Resources)
{
    /// <summary>A run the collector has just measured: no scrapes stored beside it yet.</summary>
    public static ReportInput Collected(RunDescriptor run, RunAnalysis analysis, RunRecords records) =>
        new(new StoredRun(run, analysis, records), ResourceUsage.Empty);
}
