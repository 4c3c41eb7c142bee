using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.Workflow.Tests.Transports;

/// <summary>Where an async transport finds its broker, and how the address is shown without its credentials.</summary>
public sealed class BrokerEndpointTests
{
    [Theory]
    [InlineData(TransportKind.Nats, "nats", "nats://nats:4222")]
    [InlineData(TransportKind.JetStream, "nats", "nats://nats:4222")]
    [InlineData(TransportKind.RabbitMq, "rabbitmq", "amqp://rabbitmq:5672")]
    [InlineData(TransportKind.Kafka, "kafka", "kafka:9092")]
    [InlineData(TransportKind.EventMesh, "eventmesh", "http://eventmesh:10205")]
    public void Without_a_connection_string_the_broker_is_its_kubernetes_service(TransportKind transport, string name, string address)
    {
        var broker = BrokerEndpoint.Resolve(new ConfigurationBuilder().Build(), transport);

        Assert.Equal(new BrokerEndpoint(name, address), broker);
    }

    [Fact]
    public void The_connection_string_named_after_the_broker_wins()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:nats"] = " nats://127.0.0.1:4333 " })
            .Build();

        Assert.Equal("nats://127.0.0.1:4333", BrokerEndpoint.Resolve(configuration, TransportKind.JetStream).ConnectionString);
    }

    [Theory]
    [InlineData("amqp://meshaspire:s3cret@localhost:5672", "amqp://localhost:5672/")]
    [InlineData("amqp://meshaspire:s3cret@", "***@")]
    [InlineData("user:s3cret@kafka-0:9092,kafka-1:9092", "***@kafka-0:9092,kafka-1:9092")]
    [InlineData("nats://127.0.0.1:4222", "nats://127.0.0.1:4222")]
    public void A_shown_address_carries_no_credential(string connectionString, string shown)
    {
        var broker = new BrokerEndpoint("any", connectionString);

        Assert.Equal(shown, broker.Redacted);
        Assert.DoesNotContain("s3cret", broker.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sync_transport_has_no_broker() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BrokerEndpoint.ConnectionNameFor(TransportKind.Grpc));
}
