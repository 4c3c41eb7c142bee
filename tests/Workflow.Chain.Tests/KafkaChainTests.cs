using MeshAspire.Workflow.Tests.Transports.Kafka;
using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// The four-component chain over a real Kafka, where one is configured: Kafka needs a JVM broker or a container,
/// neither of which every machine that runs these tests has. Everywhere, the same chain over librdkafka's mock cluster,
/// a stand-in that speaks the protocol on loopback (<see cref="KafkaMockCluster"/>).
/// </summary>
[Collection(LocalChain.Collection)]
public sealed class KafkaChainTests
{
    public const string BootstrapVariable = "MESHASPIRE_KAFKA_BOOTSTRAP";

    private const int Timeout = 180_000;

    [SkippableFact(Timeout = Timeout)]
    public async Task Every_message_arrives_once_over_kafka_with_ordered_stamps()
    {
        var bootstrap = Environment.GetEnvironmentVariable(BootstrapVariable);
        Skip.If(string.IsNullOrWhiteSpace(bootstrap), $"no Kafka broker configured (set {BootstrapVariable})");

        await RunsCompleteAndInOrderAsync(bootstrap!);
    }

    [Fact(Timeout = Timeout)]
    public async Task Every_message_arrives_once_over_librdkafkas_mock_cluster_with_ordered_stamps()
    {
        using var cluster = KafkaMockCluster.Start();
        foreach (var topic in new[] { "ACTION1", "ACTION2", "ACTION3" })
        {
            cluster.CreateTopic(KafkaTopicName.For($"INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-{topic}"));
        }

        await RunsCompleteAndInOrderAsync(cluster.BootstrapServers);
    }

    private static async Task RunsCompleteAndInOrderAsync(string bootstrap)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponentsByTopic("kafka"), broker: bootstrap);
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        ChainAssertions.EveryMessageArrivedOnce(run);
    }
}
