namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>A family's TYPE: 0.0.4's <c>untyped</c> and OpenMetrics' <c>unknown</c> are both <see cref="Unknown"/>.</summary>
public enum MetricType
{
    Unknown,
    Counter,
    Gauge,
    Histogram,
    Summary,
    GaugeHistogram,
    StateSet,
    Info,
}
