using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// Waits for the cluster to answer and for the hop's topic to have a leader for every partition, creating the topic
/// (one partition, so that the hop keeps its order; the broker's default replication) when it does not exist. Both
/// ends of a hop do this, so neither depends on the broker creating topics by itself.
/// </summary>
internal static class KafkaTopicProvisioner
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Throws <see cref="HopUnreachableException"/> naming <paramref name="target"/> when the connect timeout passes
    /// first. The admin client's own log lines go to <paramref name="logger"/> (<see cref="KafkaClientLog"/>).
    /// </summary>
    public static async Task EnsureAsync(BrokerEndpoint broker, string topic, TopicOptions options, string target, ILogger? logger, CancellationToken cancellationToken)
    {
        var config = KafkaClientConfigs.Admin(broker, options);
        config.AllowAutoCreateTopics = false;
        using var admin = new AdminClientBuilder(config).SetLogHandler(KafkaClientLog.Handler(logger)).Build();
        var giveUpAt = DateTime.UtcNow + options.ConnectTimeout;
        var backoff = new ConnectBackoff();
        Exception? lastError = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            try
            {
                var metadata = await Task.Run(() => admin.GetMetadata(topic, RequestTimeout), cancellationToken);
                var found = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
                if (found is not null && !found.Error.IsError && found.Partitions.Count > 0 && found.Partitions.All(p => p.Leader >= 0))
                {
                    return;
                }

                var error = found?.Error ?? new Error(ErrorCode.UnknownTopicOrPart);
                lastError = new KafkaException(error);
                if (IsMissing(error.Code))
                {
                    lastError = await CreateAsync(admin, topic) ?? lastError;
                }
            }
            catch (KafkaException error)
            {
                lastError = error;
                if (IsMissing(error.Error.Code))
                {
                    lastError = await CreateAsync(admin, topic) ?? lastError;
                }
            }

            await Task.Delay(backoff.Next(), cancellationToken);
        }

        throw new HopUnreachableException(target, options.ConnectTimeout, lastError);
    }

    private static bool IsMissing(ErrorCode code) => code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic;

    /// <summary>Asks for the topic, which the next round of <see cref="EnsureAsync"/> looks for; the broker's refusal, if any.</summary>
    private static async Task<KafkaException?> CreateAsync(IAdminClient admin, string topic)
    {
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = -1 }],
                new CreateTopicsOptions { RequestTimeout = RequestTimeout, OperationTimeout = RequestTimeout });
            return null;
        }
        catch (CreateTopicsException error) when (error.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            return null;
        }
        catch (KafkaException error)
        {
            return error;
        }
    }
}
