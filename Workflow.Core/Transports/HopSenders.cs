using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports.EventMesh;
using MeshAspire.Workflow.Transports.Grpc;
using MeshAspire.Workflow.Transports.Kafka;
using MeshAspire.Workflow.Transports.Nats;
using MeshAspire.Workflow.Transports.RabbitMq;
using MeshAspire.Workflow.Transports.Tcp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Transports;

/// <summary>The <see cref="IHopSender"/> of each transport.</summary>
public static class HopSenders
{
    /// <summary>The sender from <paramref name="setup"/>'s component to its next hop: a host for sync transports, a topic for async ones.</summary>
    /// <param name="logger">Where a transport's client library logs, where it has a log of its own (Kafka).</param>
    public static IHopSender Create(ComponentSetup setup, IConfiguration configuration, IDeliveryObserver observer, ILogger? logger = null)
    {
        var transport = setup.Scenario.Settings.Transport;
        if (transport.IsSynchronous())
        {
            var nextHop = setup.NextHop ?? throw new InvalidOperationException($"'{setup.Spec.RootName}' has no next hop");
            return Create(transport, HopAddress.Resolve(configuration, nextHop, setup.Spec.PortTo, transport), observer, setup.SenderOptions());
        }

        var topic = setup.Spec.TopicTo ?? throw new InvalidOperationException($"'{setup.Spec.RootName}' publishes to no topic");
        return CreateAsync(transport, BrokerEndpoint.Resolve(configuration, transport), topic, observer, setup.TopicOptions(), configuration, logger);
    }

    public static IHopSender Create(TransportKind transport, HopAddress address, IDeliveryObserver observer, HopSenderOptions options) =>
        transport switch
        {
            TransportKind.Grpc => new GrpcHopSender(address, observer, options),
            TransportKind.GrpcStream => new GrpcStreamHopSender(address, observer, options),
            TransportKind.Tcp => new TcpHopSender(address, observer, options),
            _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "not a sync transport"),
        };

    /// <param name="configuration">Where a transport finds its client settings beyond the broker (EventMesh's credentials).</param>
    /// <param name="logger">Where a transport's client library logs, where it has a log of its own (Kafka).</param>
    public static IHopSender CreateAsync(
        TransportKind transport, BrokerEndpoint broker, string topic, IDeliveryObserver observer, TopicOptions options, IConfiguration? configuration = null,
        ILogger? logger = null) =>
        transport switch
        {
            TransportKind.Nats => new NatsHopSender(broker, topic, observer, options),
            TransportKind.JetStream => new JetStreamHopSender(broker, topic, observer, options),
            TransportKind.Kafka => new KafkaHopSender(broker, topic, observer, options, logger),
            TransportKind.EventMesh => new EventMeshHopSender(broker, topic, observer, options, EventMeshClientIdentity.From(configuration)),
            TransportKind.RabbitMq => new RabbitMqHopSender(broker, topic, observer, options),
            _ => throw new NotSupportedException($"transport '{transport.ToKey()}' is not available yet"),
        };
}
