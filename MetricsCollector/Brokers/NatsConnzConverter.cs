using System.Globalization;
using System.Text.Json;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>
/// Each client connection from <c>/connz</c>, labelled with its connection id (<c>cid</c>) and the name the client gave
/// (<c>name</c>, empty when it gave none): the workflow's components name their connections after their rootnames.
/// </summary>
public static class NatsConnzConverter
{
    private static readonly NatsField[] Fields =
    [
        NatsField.Gauge("num_connections", "nats_connz_num_connections", "Client connections listed in this report."),
        NatsField.Gauge("total", "nats_connz_total", "Client connections open, listed or not."),
    ];

    private static readonly NatsField[] ConnectionFields =
    [
        NatsField.Gauge("pending_bytes", "nats_connz_pending_bytes", "Bytes waiting in the server to be written to the client: a client that falls behind grows it."),
        NatsField.Counter("in_msgs", "nats_connz_in_msgs", "Messages the client published."),
        NatsField.Counter("out_msgs", "nats_connz_out_msgs", "Messages the server delivered to the client."),
        NatsField.Counter("in_bytes", "nats_connz_in_bytes", "Payload bytes the client published."),
        NatsField.Counter("out_bytes", "nats_connz_out_bytes", "Payload bytes the server delivered to the client."),
        NatsField.Gauge("subscriptions", "nats_connz_subscriptions", "Subscriptions of the client."),
    ];

    private const string RttMetric = "nats_connz_rtt_seconds";

    public static IEnumerable<PrometheusFamily> Convert(JsonElement connz)
    {
        var connections = Connections(connz).Select(c => (Connection: c, Labels: LabelsOf(c))).ToList();
        var families = NatsField.Read(connz, Fields).ToList();
        foreach (var field in ConnectionFields)
        {
            var samples = connections
                .Select(c => (c.Labels, Value: field.ReadFrom(c.Connection)))
                .Where(c => c.Value is not null)
                .Select(c => new PrometheusSample(c.Labels, c.Value!.Value))
                .ToList();
            families.Add(new PrometheusFamily(field.Metric, field.Type, field.Help, samples));
        }

        var rtts = connections
            .Select(c => (c.Labels, Rtt: NatsField.Text(c.Connection, "rtt")))
            .Select(c => (c.Labels, Seconds: c.Rtt is not null && GoDuration.TryParseSeconds(c.Rtt, out var seconds) ? seconds : (double?)null))
            .Where(c => c.Seconds is not null)
            .Select(c => new PrometheusSample(c.Labels, c.Seconds!.Value))
            .ToList();
        families.Add(new PrometheusFamily(RttMetric, PrometheusMetricType.Gauge, "Round trip from the server to the client and back, as the server last measured it.", rtts));
        return families;
    }

    private static IEnumerable<JsonElement> Connections(JsonElement connz) =>
        connz.ValueKind == JsonValueKind.Object && connz.TryGetProperty("connections", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : [];

    private static KeyValuePair<string, string>[] LabelsOf(JsonElement connection) =>
    [
        new("cid", NatsField.Number(connection, "cid") is { } cid ? cid.ToString(CultureInfo.InvariantCulture) : ""),
        new("name", NatsField.Text(connection, "name") ?? ""),
    ];
}
