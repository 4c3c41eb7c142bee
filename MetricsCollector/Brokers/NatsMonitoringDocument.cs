using System.Text.Json;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>A JSON document of the NATS monitoring port (<c>nats-server -m PORT</c>, 8222 by convention) and its conversion.</summary>
public sealed record NatsMonitoringDocument(string Name, Func<JsonElement, IEnumerable<PrometheusFamily>> Convert)
{
    public static NatsMonitoringDocument Varz { get; } = new("varz", NatsVarzConverter.Convert);

    public static NatsMonitoringDocument Connz { get; } = new("connz", NatsConnzConverter.Convert);

    public static NatsMonitoringDocument Jsz { get; } = new("jsz", NatsJszConverter.Convert);

    public static IReadOnlyList<NatsMonitoringDocument> All { get; } = [Varz, Connz, Jsz];
}
