using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
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

        var messages = run.Analysis.Summary.Messages;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ChainScenarios.Messages, messages.Scheduled);
        Assert.Equal(ChainScenarios.Messages, messages.Sent);
        Assert.Equal(ChainScenarios.Messages, messages.Received);
        Assert.Equal(0, messages.Lost);
        Assert.Equal(0, messages.Duplicates);
        Assert.Equal(0, messages.SendFailed);
        Assert.Empty(run.Analysis.Summary.Notes);
        Assert.All(run.Analysis.Summary.Hops, hop => Assert.Equal(ChainScenarios.Messages, hop.Received));
        Assert.All(run.Analysis.Summary.Hops, hop => Assert.Equal(ChainScenarios.Messages, hop.RoundTrip.Count));
        AssertStampsOrdered(run.Records);
        Assert.Equal(CountInversions(run.Records.Conclusion!), messages.Reordered);
    }

    /// <summary>As in <see cref="ChainTests"/>: every stamp in order along the path, every publish acknowledged after its send.</summary>
    private static void AssertStampsOrdered(RunRecords records)
    {
        var conclusion = records.Conclusion!;
        for (long i = 0; i < conclusion.Records.Count; i++)
        {
            var arrival = conclusion.Records[i];
            var path = new List<long> { arrival.IntendedNanos, arrival.SentNanos };
            path.AddRange(conclusion.Records.StampsOf(i).ToArray());
            path.Add(arrival.ReceivedNanos);
            path.Add(arrival.ForwardedNanos);
            Assert.All(path, stamp => Assert.True(stamp > 0, $"message {arrival.Sequence} has a missing stamp: {string.Join(", ", path)}"));
            Assert.True(path.SequenceEqual(path.Order()), $"message {arrival.Sequence} has stamps out of order: {string.Join(", ", path)}");
        }

        foreach (var sender in records.Components.Take(records.Components.Count - 1))
        {
            for (long i = 0; i < sender!.Records.Count; i++)
            {
                ref var row = ref sender.Records[i];
                Assert.True(row.Outcome.HasFlag(MessageOutcome.Acknowledged), $"{sender.Name}: message {row.Sequence} was not acknowledged ({row.Outcome})");
                Assert.True(row.AcknowledgedNanos >= row.ForwardedNanos, $"{sender.Name}: message {row.Sequence} acknowledged before it was sent");
            }
        }
    }

    private static long CountInversions(ComponentRecords conclusion)
    {
        long inversions = 0, highest = -1;
        for (long i = 0; i < conclusion.Records.Count; i++)
        {
            var sequence = conclusion.Records[i].Sequence;
            inversions += sequence < highest ? 1 : 0;
            highest = Math.Max(highest, sequence);
        }

        return inversions;
    }
}
