using HdrHistogram;

namespace MeshAspire.Workflow.Accounting;

/// <summary>A histogram of a run with the name it is written under (e2e, generator-lag, action01.service-time, ...).</summary>
public sealed record NamedHistogram(string Name, HistogramBase Histogram);

/// <summary>The summary of a run and the histograms it was computed from.</summary>
public sealed record RunAnalysis(RunSummary Summary, IReadOnlyList<NamedHistogram> Histograms);
