using Confluent.Kafka;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// Where the receiver starts reading a partition. The group is new in each run, so a partition's first assignment
/// usually has no committed offset: it starts at the partition's end as it is at assignment, which skips what earlier
/// runs left in the topic and, as the receiver is ready only after this, nothing of this run (its publisher starts
/// later). A partition whose group has committed offsets (a component restarted within its run) resumes there, and a
/// later assignment in this process uses the committed offset, else <c>auto.offset.reset=earliest</c>.
/// </summary>
internal sealed class KafkaStartOffsets(TimeSpan queryTimeout)
{
    private readonly HashSet<TopicPartition> _started = [];

    /// <summary>The partitions-assigned handler: runs on the consuming thread, which may block on the broker here.</summary>
    public List<TopicPartitionOffset> OnAssigned<TKey, TValue>(IConsumer<TKey, TValue> consumer, List<TopicPartition> partitions)
    {
        var first = partitions.Where(p => !_started.Contains(p)).ToList();
        var committed = first.Count > 0 ? Committed(consumer, first) : [];
        var offsets = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var partition in partitions)
        {
            // Unset: librdkafka starts at the committed offset, else at auto.offset.reset.
            var start = _started.Add(partition) && committed is not null
                ? StartOf(committed.GetValueOrDefault(partition, Offset.Unset), () => End(consumer, partition))
                : Offset.Unset;
            offsets.Add(new TopicPartitionOffset(partition, start));
        }

        return offsets;
    }

    /// <summary>
    /// A partition's first start: its committed offset if it has one; else its end (null when the broker did not
    /// say; then the beginning, and the intake drops earlier runs' messages).
    /// </summary>
    public static Offset StartOf(Offset committed, Func<Offset?> end) =>
        !committed.IsSpecial ? committed : end() ?? Offset.Beginning;

    /// <summary>The group's committed offsets, or null when the broker did not say.</summary>
    private Dictionary<TopicPartition, Offset>? Committed<TKey, TValue>(IConsumer<TKey, TValue> consumer, List<TopicPartition> partitions)
    {
        try
        {
            return consumer.Committed(partitions, queryTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    private Offset? End<TKey, TValue>(IConsumer<TKey, TValue> consumer, TopicPartition partition)
    {
        try
        {
            return consumer.QueryWatermarkOffsets(partition, queryTimeout).High;
        }
        catch (KafkaException)
        {
            return null;
        }
    }
}
