using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Tests.Accounting;

/// <summary>Sets one component of a <see cref="ChainRun"/> on a clock of its own, and the readings a collector would take of it.</summary>
internal static class SkewedClocks
{
    /// <summary>
    /// Moves every stamp the component at <paramref name="k"/> took by <paramref name="offsetAt"/>(stamp), wherever the
    /// stamp was copied: the trigger's intended and sent times travel in every row, an action's stamps in the conclusion's.
    /// </summary>
    public static ChainRun Skew(this ChainRun run, int k, Func<long, long> offsetAt)
    {
        long Move(long stamp) => stamp == 0 ? 0 : stamp + offsetAt(stamp);

        var last = run.Logs.Length - 1;
        for (var log = 0; log <= last; log++)
        {
            for (long i = 0; i < run.Logs[log].Count; i++)
            {
                ref var row = ref run.Logs[log][i];
                if (k == 0)
                {
                    row.IntendedNanos = Move(row.IntendedNanos);
                    row.SentNanos = Move(row.SentNanos);
                }

                if (log == k)
                {
                    row.ReceivedNanos = Move(row.ReceivedNanos);
                    row.ForwardedNanos = Move(row.ForwardedNanos);
                    row.AcknowledgedNanos = Move(row.AcknowledgedNanos);
                }

                if (log == last && k > 0 && k < last)
                {
                    var stamps = run.Logs[log].StampsOf(i);
                    stamps[2 * (k - 1)] = Move(stamps[2 * (k - 1)]);
                    stamps[(2 * (k - 1)) + 1] = Move(stamps[(2 * (k - 1)) + 1]);
                }
            }
        }

        return run;
    }

    public static ChainRun Skew(this ChainRun run, int k, long offset) => run.Skew(k, _ => offset);

    /// <summary>Every component's clock as measured: the ones given, every other one exactly on the collector's clock.</summary>
    public static RunRecords WithClocks(this RunRecords records, long bound, params (int Component, ComponentClock Clock)[] measured) =>
        records with
        {
            Clocks = records.Chain.Select((name, k) =>
                measured.FirstOrDefault(m => m.Component == k).Clock
                ?? new ComponentClock(name, new ClockReading(0, bound, ChainRun.Base, 16), new ClockReading(0, bound, ChainRun.Base, 16))).ToArray(),
        };

    /// <summary>A clock read at <see cref="ChainRun.Base"/> before the run and again after it, <paramref name="offset"/> ahead both times.</summary>
    public static ComponentClock Steady(string name, long offset, long bound) =>
        new(name, new ClockReading(offset, bound, ChainRun.Base, 16), new ClockReading(offset, bound, ChainRun.Base + 10_000_000_000, 16));
}
