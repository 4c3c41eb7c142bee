using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MeshAspire.Workflow.Running;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// The latest statistics of every Kafka client in this process as instruments of the workflow's Meter, so they are at
/// /metrics (<c>meshaspire_kafka_*</c>) and on the dashboard beside the component's own counters.
/// </summary>
public static class KafkaClientMetrics
{
    /// <summary>How often librdkafka reports its statistics.</summary>
    public const int IntervalMilliseconds = 1_000;

    private static readonly ConcurrentDictionary<string, KafkaStatistics> Latest = new();
    private static readonly Meter Meter = new(WorkflowMetrics.Name);

    static KafkaClientMetrics()
    {
        Meter.CreateObservableGauge("meshaspire.kafka.client.messages.queued", () => PerClient(s => s.QueuedMessages), "{message}",
            "Messages waiting in the client's queues.");
        Meter.CreateObservableCounter("meshaspire.kafka.client.messages.transmitted", () => PerClient(s => s.TransmittedMessages), "{message}",
            "Messages the client sent to brokers.");
        Meter.CreateObservableCounter("meshaspire.kafka.client.messages.received", () => PerClient(s => s.ReceivedMessages), "{message}",
            "Messages the client received from brokers.");
        Meter.CreateObservableGauge("meshaspire.kafka.broker.rtt.average", () => PerBroker(b => b.RttAverageSeconds), "s",
            "Average request round trip to the broker over the last statistics interval.");
        Meter.CreateObservableGauge("meshaspire.kafka.broker.rtt.p99", () => PerBroker(b => b.RttP99Seconds), "s",
            "99th percentile of the request round trip to the broker over the last statistics interval.");
        Meter.CreateObservableGauge("meshaspire.kafka.broker.requests.waiting", () => PerBroker(b => (double)b.WaitingRequests), "{request}",
            "Requests sent to the broker and waiting for its answer.");
        Meter.CreateObservableCounter("meshaspire.kafka.broker.request.timeouts", () => PerBroker(b => (double)b.RequestTimeouts), "{request}",
            "Requests to the broker that timed out.");
        Meter.CreateObservableGauge("meshaspire.kafka.partition.consumer.lag", PartitionLags, "{message}",
            "How far the consumer is behind the end of the partition.");
    }

    /// <summary>The handler to give a producer or consumer builder: keeps the client's latest statistics.</summary>
    public static void Record(string json)
    {
        var statistics = KafkaStatistics.Parse(json);
        Latest[statistics.Client] = statistics;
    }

    /// <summary>The latest statistics of every live client.</summary>
    public static IReadOnlyList<KafkaStatistics> Clients => [.. Latest.Values];

    /// <summary>A client that is disposed reports nothing more.</summary>
    public static void Forget(string client) => Latest.TryRemove(client, out _);

    private static IEnumerable<Measurement<long>> PerClient(Func<KafkaStatistics, long> value) =>
        Latest.Values.Select(s => new Measurement<long>(value(s), new("client", s.Client), new("type", s.Type)));

    private static IEnumerable<Measurement<double>> PerBroker(Func<KafkaBrokerStatistics, double> value) =>
        Latest.Values.SelectMany(s => s.Brokers.Select(b => new Measurement<double>(value(b), new("client", s.Client), new("broker", b.Broker))));

    private static IEnumerable<Measurement<long>> PartitionLags() =>
        Latest.Values.SelectMany(s => s.Partitions.Select(p =>
            new Measurement<long>(p.ConsumerLag, new("client", s.Client), new("topic", p.Topic), new("partition", p.Partition))));
}
