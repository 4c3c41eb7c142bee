namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>The TYPE keywords each format allows.</summary>
internal static class MetricTypeNames
{
    public static MetricType? Parse(string keyword, ExpositionFormat format) => (keyword, format) switch
    {
        ("counter", _) => MetricType.Counter,
        ("gauge", _) => MetricType.Gauge,
        ("histogram", _) => MetricType.Histogram,
        ("summary", _) => MetricType.Summary,
        ("untyped", ExpositionFormat.PrometheusText) => MetricType.Unknown,
        ("unknown", ExpositionFormat.OpenMetrics) => MetricType.Unknown,
        ("gaugehistogram", ExpositionFormat.OpenMetrics) => MetricType.GaugeHistogram,
        ("stateset", ExpositionFormat.OpenMetrics) => MetricType.StateSet,
        ("info", ExpositionFormat.OpenMetrics) => MetricType.Info,
        _ => null,
    };

    public static string Allowed(ExpositionFormat format) => format == ExpositionFormat.OpenMetrics
        ? "counter, gauge, histogram, gaugehistogram, stateset, info, summary or unknown"
        : "counter, gauge, histogram, summary or untyped";
}
