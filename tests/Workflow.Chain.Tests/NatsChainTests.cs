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
}
