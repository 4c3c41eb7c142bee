namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>One metric family: its name (without sample suffixes), type, help, OpenMetrics unit, and samples.</summary>
public sealed record MetricFamily(string Name, MetricType Type, string? Help, string? Unit, IReadOnlyList<MetricSample> Samples);
