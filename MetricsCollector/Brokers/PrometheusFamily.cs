namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>One metric: its name, type and help, and its samples, one per set of label values.</summary>
public sealed record PrometheusFamily(string Name, PrometheusMetricType Type, string Help, IReadOnlyList<PrometheusSample> Samples)
{
    public static PrometheusFamily Single(string name, PrometheusMetricType type, string help, double value) =>
        new(name, type, help, [new PrometheusSample([], value)]);
}

/// <summary>One value of a metric, with its labels in the order they are written.</summary>
public sealed record PrometheusSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
