using System.Text.Json;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>A number in a NATS monitoring document and the metric it becomes.</summary>
internal sealed record NatsField(string Property, string Metric, PrometheusMetricType Type, string Help)
{
    public static NatsField Counter(string property, string metric, string help) => new(property, metric, PrometheusMetricType.Counter, help);

    public static NatsField Gauge(string property, string metric, string help) => new(property, metric, PrometheusMetricType.Gauge, help);

    /// <summary>The field's value in <paramref name="json"/>, or null when the server did not report it (another version, JetStream off).</summary>
    public double? ReadFrom(JsonElement json) => Number(json, Property);

    /// <summary>One unlabelled metric per field that <paramref name="json"/> has.</summary>
    public static IEnumerable<PrometheusFamily> Read(JsonElement json, IEnumerable<NatsField> fields) =>
        fields.Select(field => (field, value: field.ReadFrom(json)))
            .Where(read => read.value is not null)
            .Select(read => PrometheusFamily.Single(read.field.Metric, read.field.Type, read.field.Help, read.value!.Value));

    public static double? Number(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object
        && json.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetDouble(out var number)
            ? number
            : null;

    public static string? Text(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
