namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>The metric types this collector writes: a counter only grows (until its process restarts), a gauge goes up and down.</summary>
public enum PrometheusMetricType
{
    Counter,
    Gauge,
}
