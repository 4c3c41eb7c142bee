namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>An OpenMetrics exemplar (<c># {trace_id="..."} 0.5 1520879607.789</c>) kept on its sample.</summary>
public sealed record Exemplar(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, DateTimeOffset? Timestamp);
