using MeshAspire.Workflow.Chain.Tests.Brokers;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// The broker dies and comes back in the middle of a run: core NATS counts what it lost, JetStream loses nothing
/// once reconnected, and no component crashes or hangs.
/// </summary>
[Collection(LocalChain.Collection)]
public sealed class NatsRestartTests : IAsyncLifetime
{
    private const int Timeout = 180_000;

    private readonly NatsServer _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact(Timeout = Timeout)]
    public async Task Core_nats_counts_exactly_what_a_broker_restart_lost()
    {
        var run = await RunWithRestartAsync("nats", drain: "5s");

        var summary = run.Analysis.Summary;
        var arrived = ChainAssertions.DistinctSequences(run.Records.Conclusion!);
        Assert.True(summary.Completed);
        Assert.Equal(ChainScenarios.Messages, summary.Messages.Sent);
        Assert.Equal(arrived.Count, summary.Messages.Received);
        Assert.Equal(run.Records.Conclusion!.Records.Count - arrived.Count, summary.Messages.Duplicates);
        Assert.Equal(summary.Messages.Sent - arrived.Count, summary.Messages.Lost);
        Assert.Contains(ChainScenarios.Messages - 1L, arrived);
        Assert.All(run.Records.Components, component => Assert.NotNull(component));
    }

    [Fact(Timeout = Timeout)]
    public async Task JetStream_loses_nothing_across_a_broker_restart()
    {
        var run = await RunWithRestartAsync("jetstream", drain: "30s");

        var summary = run.Analysis.Summary;
        var arrived = ChainAssertions.DistinctSequences(run.Records.Conclusion!);
        Assert.True(run.ExitCode == 0 && summary.Messages.Lost == 0, $"{summary.Messages} notes: {string.Join("; ", summary.Notes)}");
        Assert.Equal(ChainScenarios.Messages, summary.Messages.Sent);
        Assert.Equal(ChainScenarios.Messages, arrived.Count);
        Assert.Equal(ChainScenarios.Messages, summary.Messages.Received);
        Assert.Equal(run.Records.Conclusion!.Records.Count - arrived.Count, summary.Messages.Duplicates);
    }

    /// <summary>Kills the broker once a fifth of the messages reached the conclusion, starts it again at once, and collects.</summary>
    private async Task<MetricsCollector.Collection.CollectedRun> RunWithRestartAsync(string transport, string drain)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponentsByTopic(transport, drain), _nats.ConnectionString);
        await chain.StartAsync();
        await chain.WaitForAsync("conclusion", status => status.Received >= ChainScenarios.Messages / 5, CancellationToken.None);

        await _nats.KillAsync();
        await _nats.StartAsync();

        return await chain.CollectAsync(CancellationToken.None);
    }
}
