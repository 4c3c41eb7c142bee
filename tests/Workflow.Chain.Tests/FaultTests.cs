using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Running;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>A hop dies mid-run, or is not there yet when the run starts: the run still ends and counts exactly.</summary>
[Collection(LocalChain.Collection)]
public sealed class FaultTests
{
    private const int Timeout = 120_000;

    [Theory(Timeout = Timeout)]
    [InlineData("grpc")]
    [InlineData("grpc-stream")]
    [InlineData("tcp")]
    public async Task An_action_stopped_mid_run_loses_exactly_what_never_arrived(string transport)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents(transport, drain: "3s"));
        await chain.StartAsync();
        await chain.WaitForAsync("conclusion", status => status.Received >= 400, CancellationToken.None);

        await chain.StopAsync("action02");
        var run = await chain.CollectAsync(CancellationToken.None);

        var summary = run.Analysis.Summary;
        var arrived = ChainAssertions.DistinctSequences(run.Records.Conclusion!);
        Assert.Equal(0, run.ExitCode);
        Assert.True(summary.Completed);
        Assert.Equal(ChainScenarios.Messages, summary.Messages.Sent);
        Assert.InRange(arrived.Count, 400, ChainScenarios.Messages - 1);
        Assert.Equal(summary.Messages.Sent - arrived.Count, summary.Messages.Lost);
        Assert.Equal(arrived.Count, summary.Messages.Received);
        Assert.Contains(summary.Notes, note => note.StartsWith("action02: records unavailable", StringComparison.Ordinal));
        Assert.Contains(summary.Notes, note => note.StartsWith("drain timeout", StringComparison.Ordinal));
        Assert.Contains("action02: clock not measured (no answer to /clock before or after the run); its stamps are used uncorrected", summary.Notes);
        Assert.Equal([true, true, false, true], summary.Clocks.Select(c => c.OffsetMs is not null));
        Assert.Null(summary.Hops.Single(h => h.Component == "action02").TransitErrorBoundMs);
        Assert.NotNull(summary.EndToEndErrorBoundMs);

        var action01 = summary.Hops.Single(h => h.Component == "action01");
        Assert.Equal(ChainScenarios.Messages, action01.Received);
        Assert.Equal(0, action01.LostBefore);
        Assert.Null(summary.Hops.Single(h => h.Component == "action02").Received);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("grpc")]
    [InlineData("grpc-stream")]
    [InlineData("tcp")]
    public async Task A_trigger_started_before_its_next_hop_connects_when_the_hop_comes_up(string transport)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents(transport));
        await chain.StartAsync("conclusion", "action02", "trigger");
        await chain.WaitForAsync("trigger", status => status.State == RunState.Connecting, CancellationToken.None);

        await chain.StartAsync("action01");
        var run = await chain.CollectAsync(CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ChainScenarios.Messages, run.Analysis.Summary.Messages.Sent);
        Assert.Equal(ChainScenarios.Messages, run.Analysis.Summary.Messages.Received);
        Assert.Equal(0, run.Analysis.Summary.Messages.Lost);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_trigger_whose_next_hop_never_comes_fails_the_run_with_the_reason()
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents("grpc").Replace("connect.timeout=30s", "connect.timeout=1s", StringComparison.Ordinal));
        await chain.StartAsync("conclusion", "action02", "trigger");

        var run = await chain.CollectAsync(CancellationToken.None);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, run.Analysis.Summary.Messages.Sent);
        Assert.Contains(run.Analysis.Summary.Notes, note => note.Contains("could not reach action01", StringComparison.Ordinal));
    }
}
