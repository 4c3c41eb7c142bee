using System.Text.Json;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>One broker as a Kafka client saw it: round trip (µs in librdkafka, seconds here) and requests in flight.</summary>
public sealed record KafkaBrokerStatistics(string Broker, double RttAverageSeconds, double RttP99Seconds, long WaitingRequests, long RequestTimeouts);

/// <summary>One partition a consumer reads: how far behind the end of the partition it is.</summary>
public sealed record KafkaPartitionStatistics(string Topic, int Partition, long ConsumerLag);

/// <summary>
/// A librdkafka statistics snapshot (<c>statistics.interval.ms</c>), reduced to what the run needs: messages queued in
/// the client, messages sent and received, per broker the round trip and the requests waiting, per partition the
/// consumer lag. Kafka's broker metrics are JMX, out of reach: this is what the client library reports instead.
/// </summary>
public sealed record KafkaStatistics(
    string Client,
    string Type,
    long QueuedMessages,
    long TransmittedMessages,
    long ReceivedMessages,
    IReadOnlyList<KafkaBrokerStatistics> Brokers,
    IReadOnlyList<KafkaPartitionStatistics> Partitions)
{
    private const double MicrosecondsPerSecond = 1e6;

    public static KafkaStatistics Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var brokers = new List<KafkaBrokerStatistics>();
        if (root.TryGetProperty("brokers", out var brokerMap))
        {
            foreach (var broker in brokerMap.EnumerateObject())
            {
                var rtt = broker.Value.TryGetProperty("rtt", out var window) ? window : default;
                brokers.Add(new KafkaBrokerStatistics(
                    broker.Name,
                    Number(rtt, "avg") / MicrosecondsPerSecond,
                    Number(rtt, "p99") / MicrosecondsPerSecond,
                    (long)Number(broker.Value, "waitresp_cnt"),
                    (long)Number(broker.Value, "req_timeouts")));
            }
        }

        var partitions = new List<KafkaPartitionStatistics>();
        if (root.TryGetProperty("topics", out var topics))
        {
            foreach (var topic in topics.EnumerateObject())
            {
                if (!topic.Value.TryGetProperty("partitions", out var byPartition))
                {
                    continue;
                }

                foreach (var partition in byPartition.EnumerateObject())
                {
                    // -1 is librdkafka's internal partition for messages not yet assigned one.
                    if (int.TryParse(partition.Name, out var id) && id >= 0 && Number(partition.Value, "consumer_lag") is var lag and >= 0)
                    {
                        partitions.Add(new KafkaPartitionStatistics(topic.Name, id, (long)lag));
                    }
                }
            }
        }

        return new KafkaStatistics(
            Text(root, "name"),
            Text(root, "type"),
            (long)Number(root, "msg_cnt"),
            (long)Number(root, "txmsgs"),
            (long)Number(root, "rxmsgs"),
            brokers,
            partitions);
    }

    private static double Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : 0;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
