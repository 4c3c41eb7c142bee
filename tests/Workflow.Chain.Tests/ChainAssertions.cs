using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>What every transport's chain must show: each message once, every stamp in order, exact accounting.</summary>
internal static class ChainAssertions
{
    /// <summary>The whole run arrived: none lost, none doubled, every hop answered, reordering counted exactly.</summary>
    public static void EveryMessageArrivedOnce(CollectedRun run)
    {
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

    /// <summary>The conclusion saw sequences 0, 1, 2, … in that order.</summary>
    public static void ArrivedInOrder(CollectedRun run)
    {
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
    public static void AssertStampsOrdered(RunRecords records)
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

    public static long CountInversions(ComponentRecords conclusion)
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

    public static HashSet<long> DistinctSequences(ComponentRecords component)
    {
        var sequences = new HashSet<long>();
        for (long i = 0; i < component.Records.Count; i++)
        {
            sequences.Add(component.Records[i].Sequence);
        }

        return sequences;
    }

    /// <summary>The conclusion's measured arrivals, as the accounting counts them: not warm-up, not after the drain deadline.</summary>
    public static HashSet<long> DistinctSequencesBeforeDrain(RunRecords records)
    {
        var conclusion = records.Conclusion!.Records;
        var sequences = new HashSet<long>();
        for (long i = 0; i < conclusion.Count; i++)
        {
            if (conclusion[i].Repetition > 0 && !records.IsAfterDrain(records.ConclusionIndex, conclusion[i].ForwardedNanos))
            {
                sequences.Add(conclusion[i].Sequence);
            }
        }

        return sequences;
    }
}
