using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>How a broker serves its metrics: NATS's monitoring JSON, or Prometheus text.</summary>
public enum BrokerMetricsFormat
{
    NatsMonitoring,
    Prometheus,
}

/// <summary>A broker the collector scrapes: its name (as the run's connection string names it), format and address.</summary>
public sealed record BrokerTarget(string Name, BrokerMetricsFormat Format, Uri Address)
{
    /// <summary>
    /// The run's broker, at the metrics address the app host handed the collector (<c>services:{name}:metrics:0</c>),
    /// else at its Service in Kubernetes (NATS :8222, RabbitMQ :15692, EventMesh :19090). Null when the transport has
    /// no broker or its broker serves no metrics the collector can read (Kafka: JMX).
    /// </summary>
    public static BrokerTarget? Discover(Scenario scenario, IConfiguration configuration)
    {
        var transport = scenario.Settings.Transport;
        if (transport.IsSynchronous() || transport == TransportKind.Kafka)
        {
            return null;
        }

        var name = BrokerEndpoint.ConnectionNameFor(transport);
        var format = transport is TransportKind.Nats or TransportKind.JetStream ? BrokerMetricsFormat.NatsMonitoring : BrokerMetricsFormat.Prometheus;
        var configured = configuration[$"services:{name}:metrics:0"];
        var address = !string.IsNullOrWhiteSpace(configured) ? new Uri(configured) : new Uri(KubernetesDefault(transport));
        if (format == BrokerMetricsFormat.Prometheus && address.AbsolutePath == "/")
        {
            address = new Uri(address, "/metrics");
        }

        return new BrokerTarget(name, format, address);
    }

    private static string KubernetesDefault(TransportKind transport) => transport switch
    {
        TransportKind.Nats or TransportKind.JetStream => "http://nats:8222",
        TransportKind.RabbitMq => "http://rabbitmq:15692/metrics",
        _ => "http://eventmesh:19090/metrics",
    };
}
