using Confluent.Kafka;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>The librdkafka settings of this transport's producer, consumer and admin client.</summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// Every publish confirmed by all in-sync replicas; idempotence so that librdkafka's own retries neither
    /// duplicate nor reorder; no lingering, as latency is what is measured; a message unconfirmed after the call
    /// timeout (retries included) is reported as timed out.
    /// </summary>
    public static ProducerConfig Producer(BrokerEndpoint broker, TopicOptions options) => new()
    {
        BootstrapServers = broker.ConnectionString,
        ClientId = options.Component,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 0,
        MessageTimeoutMs = Milliseconds(options.CallTimeout),
        DeliveryReportFields = "status",
        StatisticsIntervalMs = KafkaClientMetrics.IntervalMilliseconds,
    };

    /// <summary>
    /// The component's group in this run (<see cref="KafkaConsumerGroup"/>). A new group has no committed offsets:
    /// <c>auto.offset.reset=earliest</c> then never skips a message, and the receiver starts its first assignment at
    /// the end of the partition instead (<see cref="KafkaStartOffsets"/>). Offsets are stored once the intake has
    /// a message and committed in the background.
    /// </summary>
    public static ConsumerConfig Consumer(BrokerEndpoint broker, TopicOptions options) => new()
    {
        BootstrapServers = broker.ConnectionString,
        ClientId = options.Component,
        GroupId = KafkaConsumerGroup.For(options.Component, options.RunId),
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        AutoCommitIntervalMs = 1_000,
        AllowAutoCreateTopics = false,
        EnablePartitionEof = false,
        StatisticsIntervalMs = KafkaClientMetrics.IntervalMilliseconds,
    };

    public static AdminClientConfig Admin(BrokerEndpoint broker, TopicOptions options) => new()
    {
        BootstrapServers = broker.ConnectionString,
        ClientId = options.Component,
    };

    private static int Milliseconds(TimeSpan span) => (int)Math.Clamp(span.TotalMilliseconds, 1, int.MaxValue);
}
