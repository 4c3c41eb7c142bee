using System.Globalization;
using System.Text.Json;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>The server's totals from <c>/varz</c>.</summary>
public static class NatsVarzConverter
{
    private static readonly NatsField[] Fields =
    [
        NatsField.Counter("in_msgs", "nats_varz_in_msgs", "Messages the server received (clients, routes, gateways, leaf nodes)."),
        NatsField.Counter("out_msgs", "nats_varz_out_msgs", "Messages the server sent."),
        NatsField.Counter("in_bytes", "nats_varz_in_bytes", "Payload bytes the server received."),
        NatsField.Counter("out_bytes", "nats_varz_out_bytes", "Payload bytes the server sent."),
        NatsField.Counter("slow_consumers", "nats_varz_slow_consumers", "Times a client read too slowly and the server dropped its messages or disconnected it."),
        NatsField.Counter("total_connections", "nats_varz_total_connections", "Client connections accepted since the server started."),
        NatsField.Gauge("connections", "nats_varz_connections", "Client connections open now."),
        NatsField.Gauge("subscriptions", "nats_varz_subscriptions", "Subscriptions registered now."),
        NatsField.Gauge("mem", "nats_varz_mem", "Resident memory of the server process, in bytes."),
        NatsField.Gauge("cpu", "nats_varz_cpu", "CPU use of the server process, in percent of one core."),
        NatsField.Gauge("routes", "nats_varz_routes", "Routes to other servers of the cluster."),
        NatsField.Gauge("remotes", "nats_varz_remotes", "Remote servers connected."),
        NatsField.Gauge("leafnodes", "nats_varz_leafnodes", "Leaf node connections."),
    ];

    public static IEnumerable<PrometheusFamily> Convert(JsonElement varz)
    {
        foreach (var family in NatsField.Read(varz, Fields))
        {
            yield return family;
        }

        if (Uptime(varz) is { } uptime)
        {
            yield return PrometheusFamily.Single("nats_varz_uptime_seconds", PrometheusMetricType.Gauge, "Seconds since the server started: a drop means a restart, after which its counters start again.", uptime);
        }

        yield return new PrometheusFamily("nats_varz_info", PrometheusMetricType.Gauge, "The server's identity and version; the value is always 1.",
        [
            new PrometheusSample(
            [
                new("server_id", NatsField.Text(varz, "server_id") ?? ""),
                new("server_name", NatsField.Text(varz, "server_name") ?? ""),
                new("version", NatsField.Text(varz, "version") ?? ""),
            ], 1),
        ]);
    }

    /// <summary><c>now</c> minus <c>start</c>, both the server's clock, to the nanosecond it reports.</summary>
    private static double? Uptime(JsonElement varz) =>
        NatsField.Text(varz, "start") is { } start && NatsField.Text(varz, "now") is { } now
        && RfcTime.TryParse(start, out var started) && RfcTime.TryParse(now, out var at)
            ? (at - started).TotalSeconds
            : null;

    /// <summary>Go writes RFC 3339 with up to nine fractional digits; .NET reads seven: the rest are cut.</summary>
    private static class RfcTime
    {
        public static bool TryParse(string text, out DateTimeOffset value)
        {
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                var end = dot + 1;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                if (end - dot - 1 > 7)
                {
                    text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
                }
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
        }
    }
}
