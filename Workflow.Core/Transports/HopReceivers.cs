using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports.EventMesh;
using MeshAspire.Workflow.Transports.Kafka;
using MeshAspire.Workflow.Transports.Nats;
using MeshAspire.Workflow.Transports.RabbitMq;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.Workflow.Transports;

/// <summary>The <see cref="IHopReceiver"/> of each async transport.</summary>
public static class HopReceivers
{
    /// <summary>The receiver of <paramref name="setup"/>'s component: its <c>communication.from</c> topic on the run's broker.</summary>
    public static IHopReceiver Create(ComponentSetup setup, IConfiguration configuration, TopicIntake intake)
    {
        var transport = setup.Scenario.Settings.Transport;
        var topic = setup.Spec.TopicFrom ?? throw new InvalidOperationException($"'{setup.Spec.RootName}' consumes no topic");
        return Create(transport, BrokerEndpoint.Resolve(configuration, transport), topic, intake, setup.TopicOptions(), configuration);
    }

    /// <param name="configuration">Where a transport finds its client settings beyond the broker (EventMesh's credentials).</param>
    public static IHopReceiver Create(
        TransportKind transport, BrokerEndpoint broker, string topic, TopicIntake intake, TopicOptions options, IConfiguration? configuration = null) =>
        transport switch
        {
            TransportKind.Nats => new NatsHopReceiver(broker, topic, intake, options),
            TransportKind.JetStream => new JetStreamHopReceiver(broker, topic, intake, options),
            TransportKind.Kafka => new KafkaHopReceiver(broker, topic, intake, options),
            TransportKind.EventMesh => new EventMeshHopReceiver(broker, topic, intake, options, EventMeshClientIdentity.From(configuration)),
            TransportKind.RabbitMq => new RabbitMqHopReceiver(broker, topic, intake, options),
            _ => throw new NotSupportedException($"transport '{transport.ToKey()}' has no receiver yet"),
        };
}
