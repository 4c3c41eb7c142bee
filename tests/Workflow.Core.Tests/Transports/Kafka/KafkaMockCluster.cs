using Confluent.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

/// <summary>
/// librdkafka's own mock cluster (<c>test.mock.num.brokers</c>): a broker that speaks the Kafka protocol on a loopback
/// port, inside this process, while this object lives. A stand-in, not Kafka: it has no controller, so CreateTopics
/// fails and topics are made here by a metadata request that may create them, with the mock's four partitions.
/// </summary>
internal sealed class KafkaMockCluster : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly IAdminClient _owner;

    private KafkaMockCluster(IAdminClient owner, string bootstrapServers)
    {
        _owner = owner;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static KafkaMockCluster Start()
    {
        var config = new AdminClientConfig { AllowAutoCreateTopics = true };
        config.Set("test.mock.num.brokers", "1");
        var owner = new AdminClientBuilder(config).SetLogHandler(static (_, _) => { }).Build();
        var brokers = owner.GetMetadata(RequestTimeout).Brokers;
        return new KafkaMockCluster(owner, string.Join(",", brokers.Select(b => $"{b.Host}:{b.Port}")));
    }

    public void CreateTopic(string name)
    {
        var topic = _owner.GetMetadata(name, RequestTimeout).Topics.Single(t => t.Topic == name);
        if (topic.Error.IsError || topic.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"the mock cluster did not create {name}: {topic.Error}");
        }
    }

    public void Dispose() => _owner.Dispose();
}
