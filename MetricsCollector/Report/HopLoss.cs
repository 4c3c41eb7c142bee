using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// One line of the loss table: the run as a whole (<see cref="Caller"/> null: sent by the trigger, received by the
/// conclusion) or one hop (handed on by its caller, received by it).
/// </summary>
/// <param name="Duplicates">Arrivals of a sequence number the component had received before; null when its records are unavailable.</param>
/// <param name="Reordered">First arrivals below the highest sequence number received before.</param>
public sealed record HopLoss(string? Caller, string Component, long? HandedOn, long? Received, long? Lost, long? Duplicates, long? Reordered);

public static class HopLossTable
{
    public static IReadOnlyList<HopLoss> From(RunSummary summary, RunRecords records)
    {
        var m = summary.Messages;
        var lines = new List<HopLoss> { new(null, "run", m.Sent, m.Received, m.Lost, m.Duplicates, m.Reordered) };
        for (var k = 0; k < summary.Hops.Count; k++)
        {
            var hop = summary.Hops[k];
            var isConclusion = k == summary.Hops.Count - 1;
            var index = IndexOf(records, hop.Component);
            var (duplicates, reordered) = isConclusion
                ? (m.Duplicates, m.Reordered)
                : index < 0 ? ((long?)null, (long?)null) : ArrivalOrder(index, records);
            lines.Add(new HopLoss(hop.Caller, hop.Component, hop.Received + hop.LostBefore, hop.Received, hop.LostBefore, duplicates, reordered));
        }

        return lines;
    }

    /// <summary>Duplicates and reordering at one component, counted as the conclusion counts them.</summary>
    private static (long? Duplicates, long? Reordered) ArrivalOrder(int index, RunRecords records)
    {
        var component = records.Components[index]!;
        var seen = new SequenceSet();
        long duplicates = 0, reordered = 0, highest = -1;
        for (long i = 0; i < component.Records.Count; i++)
        {
            ref var row = ref component.Records[i];
            if (row.Repetition == 0 || records.IsAfterDrain(index, row.ReceivedNanos))
            {
                continue;
            }

            if (row.Outcome.HasFlag(MessageOutcome.Duplicate) || !seen.Add(row.Sequence))
            {
                duplicates++;
                continue;
            }

            reordered += row.Sequence < highest ? 1 : 0;
            highest = Math.Max(highest, row.Sequence);
        }

        return (duplicates, reordered);
    }

    /// <summary>The chain index of the component by that name whose records were had; -1 otherwise.</summary>
    private static int IndexOf(RunRecords records, string name)
    {
        for (var i = 0; i < records.Components.Count; i++)
        {
            if (records.Components[i]?.Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
