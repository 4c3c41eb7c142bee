using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports.EventMesh;
using MeshAspire.Workflow.Transports.Kafka;
using MeshAspire.Workflow.Transports.Nats;
using MeshAspire.Workflow.Transports.RabbitMq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Transports;

/// <summary>The <see cref="IHopReceiver"/> of each async transport.</summary>
public static class HopReceivers
{
    /// <summary>The receiver of <paramref name="setup"/>'s component: its <c>communication.from</c> topic on the run's broker.</summary>
    /// <param name="logger">Where a transport's client library logs, where it has a log of its own (Kafka).</param>
    public static IHopReceiver Create(ComponentSetup setup, IConfiguration configuration, TopicIntake intake, ILogger? logger = null)
    {
        var transport = setup.Scenario.Settings.Transport;
        var topic = setup.Spec.TopicFrom ?? throw new InvalidOperationException($"'{setup.Spec.RootName}' consumes no topic");
        return Create(transport, BrokerEndpoint.Resolve(configuration, transport), topic, intake, setup.TopicOptions(), configuration, logger);
    }

    /// <param name="configuration">Where a transport finds its client settings beyond the broker (EventMesh's credentials).</param>
    /// <param name="logger">Where a transport's client library logs, where it has a log of its own (Kafka).</param>
    public static IHopReceiver Create(
        TransportKind transport, BrokerEndpoint broker, string topic, TopicIntake intake, TopicOptions options, IConfiguration? configuration = null,
        ILogger? logger = null) =>
        transport switch
        {
            TransportKind.Nats => new NatsHopReceiver(broker, topic, intake, options),
            TransportKind.JetStream => new JetStreamHopReceiver(broker, topic, intake, options),
            TransportKind.Kafka => new KafkaHopReceiver(broker, topic, intake, options, logger),
            TransportKind.EventMesh => new EventMeshHopReceiver(broker, topic, intake, options, EventMeshClientIdentity.From(configuration)),
            TransportKind.RabbitMq => new RabbitMqHopReceiver(broker, topic, intake, options),
            _ => throw new NotSupportedException($"transport '{transport.ToKey()}' has no receiver yet"),
        };
}
