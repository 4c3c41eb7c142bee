using System.Collections.Concurrent;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

/// <summary>Both ends against a loopback port where no broker listens: no broker needed to see them give up and report.</summary>
public class KafkaUnreachableBrokerTests
{
    private static readonly TopicOptions Options = new("action01", "run-unreachable", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));

    private static BrokerEndpoint Nowhere() => new("kafka", $"127.0.0.1:{UnusedPort.Next()}");

    [Fact(Timeout = 30_000)]
    public async Task The_sender_gives_up_connecting_after_the_connect_timeout_naming_the_topic()
    {
        await using var sender = new KafkaHopSender(Nowhere(), "workflow action1", new RecordingObserver(), Options);

        var error = await Assert.ThrowsAsync<HopUnreachableException>(() => sender.ConnectAsync(CancellationToken.None));

        Assert.Contains($"could not reach topic {KafkaTopicName.For("workflow action1")} on kafka (127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_receiver_gives_up_starting_after_the_connect_timeout_and_disposes_cleanly()
    {
        var receiver = new KafkaHopReceiver(Nowhere(), "ACTION1", new TopicIntake(new DiscardingSink(), "run-unreachable"), Options);

        var error = await Assert.ThrowsAsync<HopUnreachableException>(() => receiver.StartAsync(CancellationToken.None));
        await receiver.DisposeAsync();

        Assert.Contains("topic ACTION1 on kafka", error.Message, StringComparison.Ordinal);
        Assert.Contains("group meshaspire.action01.run-unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Every_message_sent_while_no_broker_answers_fails_once_as_timed_out()
    {
        var observer = new RecordingObserver();
        var sender = new KafkaHopSender(Nowhere(), "ACTION1", observer, Options);

        for (var token = 0L; token < 10; token++)
        {
            sender.Send(new Envelope { RunId = "run-unreachable", Sequence = token }, token);
        }

        await sender.DisposeAsync();

        Assert.Empty(observer.Acknowledged);
        Assert.Equal(Enumerable.Range(0, 10).Select(t => (long)t), observer.Failed.Keys.Order());
        Assert.All(observer.Failed.Values, failures => Assert.Equal([DeliveryFailure.TimedOut], failures));
    }

    private sealed class RecordingObserver : IDeliveryObserver
    {
        public ConcurrentBag<long> Acknowledged { get; } = [];

        public ConcurrentDictionary<long, List<DeliveryFailure>> Failed { get; } = new();

        void IDeliveryObserver.Acknowledged(long token, long acknowledgedNanos) => Acknowledged.Add(token);

        void IDeliveryObserver.Failed(long token, DeliveryFailure failure) =>
            Failed.AddOrUpdate(token, _ => [failure], (_, failures) => [.. failures, failure]);
    }

    private sealed class DiscardingSink : IEnvelopeSink
    {
        public void Accept(Envelope envelope, long receivedNanos)
        {
        }
    }
}
