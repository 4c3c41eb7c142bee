using Confluent.Kafka;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

public class KafkaClientConfigsTests
{
    private static readonly BrokerEndpoint Broker = new("kafka", "broker-a:9092,broker-b:9092");
    private static readonly TopicOptions Options = new("action01", "run-7", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45));

    [Fact]
    public void The_producer_waits_for_every_replica_does_not_duplicate_on_retry_and_does_not_linger()
    {
        var config = KafkaClientConfigs.Producer(Broker, Options);

        Assert.Equal("broker-a:9092,broker-b:9092", config.BootstrapServers);
        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(0, config.LingerMs);
        Assert.Equal(45_000, config.MessageTimeoutMs);
        Assert.Equal("action01", config.ClientId);
    }

    [Fact]
    public void The_consumer_joins_its_group_of_the_run_never_skips_by_reset_and_stores_offsets_itself()
    {
        var config = KafkaClientConfigs.Consumer(Broker, Options);

        Assert.Equal("meshaspire.action01.run-7", config.GroupId);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.True(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.False(config.AllowAutoCreateTopics);
    }
}
