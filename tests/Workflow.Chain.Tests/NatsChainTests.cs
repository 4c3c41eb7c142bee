using MeshAspire.Workflow.Chain.Tests.Brokers;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>The four-component chain over a real nats-server, for core NATS and for JetStream.</summary>
[Collection(LocalChain.Collection)]
public sealed class NatsChainTests(NatsServer nats) : IClassFixture<NatsServer>
{
    private const int Timeout = 120_000;

    [Theory(Timeout = Timeout)]
    [InlineData("nats")]
    [InlineData("jetstream")]
    public async Task Every_message_arrives_once_with_ordered_stamps(string transport)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponentsByTopic(transport), nats.ConnectionString);
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        ChainAssertions.EveryMessageArrivedOnce(run);
        ChainAssertions.ArrivedInOrder(run);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("nats")]
    [InlineData("jetstream")]
    public async Task With_a_reply_topic_the_trigger_times_every_message_on_its_own_clock(string transport)
    {
        var scenario = ChainScenarios.FourComponentsByTopic(transport).Replace("drain=", "reply.topic=WORKFLOW-REPLY\ndrain=", StringComparison.Ordinal);
        await using var chain = LocalChain.Create(scenario, nats.ConnectionString);
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        ChainAssertions.EveryMessageArrivedOnce(run);
        var reply = run.Analysis.Summary.Reply!;
        Assert.Equal(ChainScenarios.Messages, reply.Count);
        Assert.Contains(run.Analysis.Histograms, h => h.Name == "reply");
        var trigger = run.Records.Trigger!.Records;
        var conclusion = run.Records.Conclusion!.Records;
        var done = new Dictionary<long, long>();
        for (long i = 0; i < conclusion.Count; i++)
        {
            done.TryAdd(conclusion[i].Sequence, conclusion[i].ForwardedNanos);
        }

        for (long i = 0; i < trigger.Count; i++)
        {
            ref var row = ref trigger[i];
            Assert.True(row.ReceivedNanos >= done[row.Sequence], $"message {row.Sequence}: the reply came before the conclusion was done with it");
        }
    }
}
