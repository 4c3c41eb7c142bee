namespace MeshAspire.MetricsCollector.Report;

/// <summary>A run the report cannot be drawn from, or a bad argument: its message names the run, file or flag (exit 2).</summary>
public sealed class ReportInputException(string message, Exception? inner = null) : Exception(message, inner);
