using System.Collections.Concurrent;
using Confluent.Kafka;
using Google.Protobuf;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

/// <summary>The sender and the receiver over librdkafka's mock cluster (<see cref="KafkaMockCluster"/>), on loopback.</summary>
public class KafkaMockClusterTests
{
    private const string RunId = "run-now";
    private const string Topic = "WORKFLOW ACTION1";
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(30);

    private static TopicOptions Options(string component) => new(component, RunId, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));

    [Fact(Timeout = 90_000)]
    public async Task Every_message_sent_is_acknowledged_and_received_once()
    {
        using var cluster = KafkaMockCluster.Start();
        cluster.CreateTopic(KafkaTopicName.For(Topic));
        var broker = new BrokerEndpoint("kafka", cluster.BootstrapServers);
        var sink = new RecordingSink();
        await using var receiver = new KafkaHopReceiver(broker, Topic, new TopicIntake(sink, RunId), Options("action01"));
        await receiver.StartAsync(CancellationToken.None);
        var observer = new RecordingObserver();
        await using var sender = new KafkaHopSender(broker, Topic, observer, Options("trigger"));
        await sender.ConnectAsync(CancellationToken.None);

        for (var sequence = 0L; sequence < 500; sequence++)
        {
            sender.Send(new Envelope { RunId = RunId, Sequence = sequence, Payload = ByteString.CopyFrom(new byte[100]) }, token: 1_000 + sequence);
        }

        await PollAsync(() => sink.Sequences.Count >= 500 && observer.Acknowledged.Count >= 500);

        Assert.Equal(Enumerable.Range(0, 500).Select(s => (long)s), sink.Sequences.Order());
        Assert.Equal(Enumerable.Range(1_000, 500).Select(t => (long)t), observer.Acknowledged.Order());
        Assert.Empty(observer.Failed);
    }

    [Fact(Timeout = 90_000)]
    public async Task The_clients_report_their_statistics_as_the_components_metrics()
    {
        using var cluster = KafkaMockCluster.Start();
        cluster.CreateTopic(KafkaTopicName.For(Topic));
        var broker = new BrokerEndpoint("kafka", cluster.BootstrapServers);
        var sink = new RecordingSink();
        await using var receiver = new KafkaHopReceiver(broker, Topic, new TopicIntake(sink, RunId), Options("statistics-consumer"));
        await receiver.StartAsync(CancellationToken.None);
        await using var sender = new KafkaHopSender(broker, Topic, new RecordingObserver(), Options("statistics-producer"));
        await sender.ConnectAsync(CancellationToken.None);

        for (var sequence = 0L; sequence < 300; sequence++)
        {
            sender.Send(new Envelope { RunId = RunId, Sequence = sequence }, token: sequence);
        }

        // A statistics window may come before the broker answered anything, or before the consumer knows its lag.
        KafkaStatistics? Client(string id, Func<KafkaStatistics, bool> complete) =>
            KafkaClientMetrics.Clients.FirstOrDefault(c => c.Client.StartsWith(id + "#", StringComparison.Ordinal) && complete(c));
        bool ProducerDone(KafkaStatistics c) => c.TransmittedMessages >= 300 && c.Brokers.Any(b => b.RttAverageSeconds > 0);
        bool ConsumerDone(KafkaStatistics c) => c.ReceivedMessages > 0 && c.Partitions.Count > 0;

        // The consumer starts at the partition's end once assigned: what was sent before its assignment it never sees,
        // so the sender goes on sending while the statistics are awaited.
        var next = 300L;
        await PollAsync(() =>
        {
            sender.Send(new Envelope { RunId = RunId, Sequence = next }, token: next++);
            return Client("statistics-producer", ProducerDone) is not null && Client("statistics-consumer", ConsumerDone) is not null;
        });

        var producer = Client("statistics-producer", ProducerDone)!;
        var consumer = Client("statistics-consumer", ConsumerDone)!;
        Assert.Equal("producer", producer.Type);
        Assert.Equal("consumer", consumer.Type);
        Assert.All(consumer.Partitions, p => Assert.Equal(KafkaTopicName.For(Topic), p.Topic));
    }

    [Fact(Timeout = 90_000)]
    public async Task What_an_earlier_run_left_in_the_topic_is_skipped_and_what_it_sends_later_is_dropped_as_foreign()
    {
        using var cluster = KafkaMockCluster.Start();
        var topic = KafkaTopicName.For(Topic);
        cluster.CreateTopic(topic);
        var partition = new TopicPartition(topic, 0);
        using var raw = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).SetLogHandler(static (_, _) => { }).Build();
        for (var sequence = 0; sequence < 20; sequence++)
        {
            await raw.ProduceAsync(partition, Record("run-earlier", sequence));
        }

        var broker = new BrokerEndpoint("kafka", cluster.BootstrapServers);
        var sink = new RecordingSink();
        var intake = new TopicIntake(sink, RunId);
        await using var receiver = new KafkaHopReceiver(broker, Topic, intake, Options("action01"));
        await receiver.StartAsync(CancellationToken.None);

        await raw.ProduceAsync(partition, Record("run-earlier", 20));
        await raw.ProduceAsync(partition, Record(RunId, 99));
        // Partition 0 is read in order: once 99 is in, nothing before it in partition 0 is still to come.
        await PollAsync(() => sink.Sequences.Contains(99));

        Assert.Equal([99L], sink.Sequences);
        Assert.Equal(1, intake.Foreign);
        Assert.Equal(0, intake.Malformed);
    }

    private static Message<Null, byte[]> Record(string runId, long sequence) =>
        new() { Value = new Envelope { RunId = runId, Sequence = sequence }.ToByteArray() };

    private static async Task PollAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(PollLimit);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
        }
    }

    private sealed class RecordingSink : IEnvelopeSink
    {
        private readonly ConcurrentQueue<long> _sequences = new();

        public IReadOnlyCollection<long> Sequences => _sequences;

        public void Accept(Envelope envelope, long receivedNanos) => _sequences.Enqueue(envelope.Sequence);
    }

    private sealed class RecordingObserver : IDeliveryObserver
    {
        public ConcurrentQueue<long> Acknowledged { get; } = new();

        public ConcurrentQueue<(long Token, DeliveryFailure Failure)> Failed { get; } = new();

        void IDeliveryObserver.Acknowledged(long token, long acknowledgedNanos) => Acknowledged.Enqueue(token);

        void IDeliveryObserver.Failed(long token, DeliveryFailure failure) => Failed.Enqueue((token, failure));
    }
}
