using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>A run as a store gives it back: what it was, what it measured, and the rows it measured it from.</summary>
/// <param name="Analysis">
/// Recomputed on load with <c>RunAccounting.Analyze</c> from the stored scenario text, <paramref name="Records"/> and
/// the stored collection notes, so every store gives the same numbers for the same run.
/// </param>
public sealed record StoredRun(RunDescriptor Run, RunAnalysis Analysis, RunRecords Records);
