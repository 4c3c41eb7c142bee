using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>Four real Kestrel servers on loopback, for each sync transport: every message arrives, and every stamp is in order;
/// over tcp and grpc-stream, in the order sent.</summary>
[Collection(LocalChain.Collection)]
public sealed class ChainTests
{
    private const int Timeout = 120_000;

    [Theory(Timeout = Timeout)]
    [InlineData("grpc")]
    [InlineData("grpc-stream")]
    [InlineData("tcp")]
    public async Task Every_message_arrives_once_with_ordered_stamps(string transport)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents(transport));
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        ChainAssertions.EveryMessageArrivedOnce(run);
    }

    [Fact(Timeout = Timeout)]
    public async Task Every_component_serves_live_metrics_and_its_histograms()
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents("grpc"));
        await chain.StartAsync();
        await chain.CollectAsync(CancellationToken.None);

        foreach (var component in chain.Scenario.Chain)
        {
            var metrics = await chain.GetAsync(component.RootName, "/metrics");
            Assert.Contains("meshaspire_workflow_messages_", metrics, StringComparison.Ordinal);
            Assert.Contains("meshaspire_workflow_latency_seconds_bucket{", metrics, StringComparison.Ordinal);
            Assert.Contains("process_cpu_time", metrics, StringComparison.Ordinal);

            var histograms = await chain.GetAsync(component.RootName, "/records/histograms");
            Assert.StartsWith("#[Histogram log format version 1.3]", histograms, StringComparison.Ordinal);
            var kinds = Running.ComponentRun.KindsFor(component.Role).Select(kind => $"Tag={kind.ToKey()},");
            Assert.All(kinds, tag => Assert.Contains(tag, histograms, StringComparison.Ordinal));
        }
    }

    [Theory(Timeout = Timeout)]
    [InlineData("tcp")]
    [InlineData("grpc-stream")]
    public async Task An_ordered_transport_keeps_the_order_of_its_one_connection(string transport)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents(transport));
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        Assert.Equal(ChainScenarios.Messages, run.Analysis.Summary.Messages.Received);
        ChainAssertions.ArrivedInOrder(run);
    }
}
