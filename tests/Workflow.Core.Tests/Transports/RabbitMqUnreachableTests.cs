using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.RabbitMq;

namespace MeshAspire.Workflow.Tests.Transports;

/// <summary>A broker that is not there: connecting gives up after the connect timeout, and says where it tried without the password.</summary>
public sealed class RabbitMqUnreachableTests
{
    private const string Topic = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1";
    private static readonly TopicOptions Options = new("action01", "run-1", TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));

    private readonly BrokerEndpoint _nowhere = new("rabbitmq", $"amqp://bench:s3cret@127.0.0.1:{ClosedPort()}/perf");

    [Fact]
    public async Task The_sender_gives_up_after_the_connect_timeout()
    {
        await using var sender = new RabbitMqHopSender(_nowhere, Topic, new Outcomes(), Options);

        var error = await Assert.ThrowsAsync<HopUnreachableException>(() => sender.ConnectAsync(CancellationToken.None));

        Assert.StartsWith($"could not reach {Topic} on rabbitmq (amqp://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task A_message_for_a_sender_that_never_connected_fails_as_not_connected()
    {
        var outcomes = new Outcomes();
        await using var sender = new RabbitMqHopSender(_nowhere, Topic, outcomes, Options);
        await Assert.ThrowsAsync<HopUnreachableException>(() => sender.ConnectAsync(CancellationToken.None));

        sender.Send(new Envelope { RunId = "run-1", Sequence = 7 }, token: 7);

        Assert.Equal([(7L, DeliveryFailure.NotConnected)], outcomes.Failures);
    }

    [Fact]
    public async Task The_receiver_gives_up_after_the_connect_timeout()
    {
        await using var receiver = new RabbitMqHopReceiver(_nowhere, Topic, new TopicIntake(new InboundQueue(), "run-1"), Options);

        var error = await Assert.ThrowsAsync<HopUnreachableException>(() => receiver.StartAsync(CancellationToken.None));

        Assert.Contains($"{Topic} on rabbitmq (amqp://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Outcomes : IDeliveryObserver
    {
        private readonly ConcurrentQueue<(long Token, DeliveryFailure Failure)> _failures = new();

        public IReadOnlyList<(long Token, DeliveryFailure Failure)> Failures => [.. _failures];

        public void Acknowledged(long token, long acknowledgedNanos) => throw new InvalidOperationException($"message {token} acknowledged by no broker");

        public void Failed(long token, DeliveryFailure failure) => _failures.Enqueue((token, failure));
    }
}
