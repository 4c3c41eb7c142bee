using System.Text.Json;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>JetStream's totals over all accounts from <c>/jsz</c>: absent when JetStream is off.</summary>
public static class NatsJszConverter
{
    private static readonly NatsField[] Fields =
    [
        NatsField.Gauge("streams", "nats_jsz_streams", "JetStream streams."),
        NatsField.Gauge("consumers", "nats_jsz_consumers", "JetStream consumers."),
        NatsField.Gauge("messages", "nats_jsz_messages", "Messages stored in all streams."),
        NatsField.Gauge("bytes", "nats_jsz_bytes", "Bytes of the messages stored in all streams."),
        NatsField.Gauge("memory", "nats_jsz_memory", "Bytes of memory-backed stream storage in use."),
        NatsField.Gauge("storage", "nats_jsz_storage", "Bytes of file-backed stream storage in use."),
        NatsField.Gauge("reserved_memory", "nats_jsz_reserved_memory", "Bytes of memory reserved by stream limits."),
        NatsField.Gauge("reserved_storage", "nats_jsz_reserved_storage", "Bytes of file storage reserved by stream limits."),
        NatsField.Gauge("accounts", "nats_jsz_accounts", "Accounts with JetStream enabled."),
        NatsField.Gauge("ha_assets", "nats_jsz_ha_assets", "Replicated streams and consumers (clustered JetStream)."),
    ];

    private static readonly NatsField[] ConfigFields =
    [
        NatsField.Gauge("max_memory", "nats_jsz_config_max_memory", "Bytes of memory JetStream may use."),
        NatsField.Gauge("max_storage", "nats_jsz_config_max_storage", "Bytes of file storage JetStream may use."),
    ];

    private static readonly NatsField[] ApiFields =
    [
        NatsField.Counter("total", "nats_jsz_api_total", "JetStream API requests served."),
        NatsField.Counter("errors", "nats_jsz_api_errors", "JetStream API requests that failed."),
    ];

    public static IEnumerable<PrometheusFamily> Convert(JsonElement jsz) =>
        NatsField.Read(jsz, Fields)
            .Concat(NatsField.Read(Child(jsz, "config"), ConfigFields))
            .Concat(NatsField.Read(Child(jsz, "api"), ApiFields));

    private static JsonElement Child(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(property, out var child) ? child : default;
}
