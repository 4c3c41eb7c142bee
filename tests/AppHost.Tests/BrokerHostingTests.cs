using MeshAspire.AppHost.Brokers;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Tests;

/// <summary>Which way a scenario's broker runs locally, from what this machine offers.</summary>
public sealed class BrokerHostingTests
{
    private static readonly Func<bool> NoRuntime = () => false;
    private static readonly Func<bool> Runtime = () => true;
    private static readonly Func<string, string?> Nothing = _ => null;
    private static readonly Func<string, string?> Everything = program => $"/usr/sbin/{program}";

    [Theory]
    [InlineData(TransportKind.Grpc)]
    [InlineData(TransportKind.Tcp)]
    public void A_sync_transport_needs_no_broker(TransportKind transport)
    {
        var (hosting, error) = BrokerHosting.Choose(transport, () => throw new InvalidOperationException("not asked"), Nothing);

        Assert.Null(hosting);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(TransportKind.Nats)]
    [InlineData(TransportKind.JetStream)]
    [InlineData(TransportKind.RabbitMq)]
    [InlineData(TransportKind.Kafka)]
    [InlineData(TransportKind.EventMesh)]
    public void A_container_runtime_that_answers_runs_every_broker(TransportKind transport)
    {
        var (hosting, error) = BrokerHosting.Choose(transport, Runtime, Everything);

        Assert.Null(error);
        Assert.True(hosting!.InContainer);
    }

    [Theory]
    [InlineData(TransportKind.Nats, "/usr/sbin/nats-server")]
    [InlineData(TransportKind.JetStream, "/usr/sbin/nats-server")]
    [InlineData(TransportKind.RabbitMq, "/usr/sbin/rabbitmq-server")]
    public void Without_a_runtime_the_brokers_program_runs(TransportKind transport, string program)
    {
        var (hosting, error) = BrokerHosting.Choose(transport, NoRuntime, Everything);

        Assert.Null(error);
        Assert.False(hosting!.InContainer);
        Assert.Equal(program, hosting.Executable);
    }

    [Theory]
    [InlineData(TransportKind.Kafka, "Kafka (KRaft)")]
    [InlineData(TransportKind.EventMesh, "the Apache EventMesh runtime")]
    public void Container_only_brokers_without_a_runtime_say_how_to_get_one(TransportKind transport, string what)
    {
        var (hosting, error) = BrokerHosting.Choose(transport, NoRuntime, Everything);

        Assert.Null(hosting);
        Assert.Contains(what, error, StringComparison.Ordinal);
        Assert.Contains("start Docker or Podman", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransportKind.Nats, "sudo apt-get install nats-server", "brew install nats-server")]
    [InlineData(TransportKind.RabbitMq, "sudo apt-get install rabbitmq-server", "brew install rabbitmq")]
    public void Without_a_runtime_or_the_program_the_message_names_both_ways(TransportKind transport, string debian, string homebrew)
    {
        var (hosting, error) = BrokerHosting.Choose(transport, NoRuntime, Nothing);

        Assert.Null(hosting);
        Assert.Contains(debian, error, StringComparison.Ordinal);
        Assert.Contains(homebrew, error, StringComparison.Ordinal);
    }
}
