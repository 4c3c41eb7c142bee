using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>Four real Kestrel servers on loopback, for each sync transport: every message arrives, and every stamp is in order.</summary>
[Collection(LocalChain.Collection)]
public sealed class ChainTests
{
    private const int Timeout = 120_000;

    [Theory(Timeout = Timeout)]
    [InlineData("grpc")]
    [InlineData("tcp")]
    public async Task Every_message_arrives_once_with_ordered_stamps(string transport)
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents(transport));
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

    [Fact(Timeout = Timeout)]
    public async Task Tcp_keeps_the_order_of_its_one_connection()
    {
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents("tcp"));
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        Assert.Equal(ChainScenarios.Messages, run.Analysis.Summary.Messages.Received);
        Assert.Equal(0, run.Analysis.Summary.Messages.Reordered);
        var conclusion = run.Records.Conclusion!.Records;
        var sequences = new List<long>();
        for (long i = 0; i < conclusion.Count; i++)
        {
            sequences.Add(conclusion[i].Sequence);
        }

        Assert.Equal(Enumerable.Range(0, ChainScenarios.Messages).Select(i => (long)i), sequences);
    }

    /// <summary>intended ≤ sent ≤ each hop's receive ≤ its send ≤ … ≤ conclusion's receive ≤ done; every answer after its send.</summary>
    internal static void AssertStampsOrdered(RunRecords records)
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

    internal static long CountInversions(ComponentRecords conclusion)
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
