using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Chain.Tests.Brokers;
using MeshAspire.Workflow.Running;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// The four-component chain over a real RabbitMQ node: a durable queue per hop, consumer acks, publisher confirms
/// on or off. One queue per hop keeps the order; a broker restarted mid-run loses nothing once the clients reconnect.
/// </summary>
[Collection(LocalChain.Collection)]
public sealed class RabbitMqChainTests(RabbitMqServer broker) : IClassFixture<RabbitMqServer>
{
    private const int Timeout = 240_000;

    [Theory(Timeout = Timeout)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_message_arrives_once_in_order_with_ordered_stamps(bool publisherConfirms)
    {
        await using var chain = LocalChain.Create(WithConfirms(ChainScenarios.FourComponentsByTopic("rabbitmq"), publisherConfirms), broker.ConnectionString);
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        ChainAssertions.EveryMessageArrivedOnce(run);
        ChainAssertions.ArrivedInOrder(run);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_broker_restarted_mid_run_loses_nothing_once_the_clients_reconnect()
    {
        // The drain is also the publishes' call timeout: long enough to span the node's reboot on a loaded machine.
        await using var chain = LocalChain.Create(ChainScenarios.FourComponentsByTopic("rabbitmq", drain: "90s"), broker.ConnectionString);
        await chain.StartAsync();
        var beforeRestart = await chain.WaitForAsync("conclusion", status => status.Received >= ChainScenarios.Messages / 3, CancellationToken.None);

        await broker.StopAsync();
        await broker.StartAsync();
        var run = await chain.CollectAsync(CancellationToken.None);

        var summary = run.Analysis.Summary;
        var messages = summary.Messages;
        var arrivals = Arrivals(run.Records.Conclusion!);
        Assert.InRange(beforeRestart.Received, ChainScenarios.Messages / 3, ChainScenarios.Messages - 1);
        Assert.Equal(0, run.ExitCode);
        Assert.True(summary.Completed);
        Assert.DoesNotContain(summary.Notes, note => note.StartsWith("drain timeout", StringComparison.Ordinal));
        Assert.Equal(ChainScenarios.Messages, messages.Scheduled);
        Assert.Equal(ChainScenarios.Messages, messages.Sent);
        Assert.Equal(0, messages.SendFailed);
        Assert.Equal(0, messages.Lost);
        Assert.Equal(messages.Scheduled - messages.Lost, messages.Received);
        Assert.Equal(ChainScenarios.Messages, arrivals.Distinct().Count());
        Assert.Equal(arrivals.Count - arrivals.Distinct().Count(), messages.Duplicates);
        Assert.All(summary.Hops, hop => Assert.Equal(ChainScenarios.Messages, hop.Received));
        foreach (var component in chain.Scenario.Chain)
        {
            var status = await chain.StatusAsync(component.RootName);
            Assert.NotNull(status);
            Assert.NotEqual(RunState.Failed, status.State);
            Assert.Equal(0, status.SendFailed);
            Assert.Equal(0, status.Unacknowledged);
            Assert.Equal(status.Sent, status.Acknowledged);
        }
    }

    private static string WithConfirms(string scenario, bool publisherConfirms) =>
        scenario.Replace("transport=", $"publisher.confirms={(publisherConfirms ? "true" : "false")}\ntransport=", StringComparison.Ordinal);

    /// <summary>The sequence of every measured arrival at the conclusion, duplicates included, in arrival order.</summary>
    private static List<long> Arrivals(ComponentRecords conclusion)
    {
        var sequences = new List<long>();
        for (long i = 0; i < conclusion.Records.Count; i++)
        {
            if (conclusion.Records[i].Repetition > 0)
            {
                sequences.Add(conclusion.Records[i].Sequence);
            }
        }

        return sequences;
    }
}
