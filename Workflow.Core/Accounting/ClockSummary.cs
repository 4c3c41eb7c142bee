using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Accounting;

/// <summary>One component's clock against the collector's, as applied to its stamps.</summary>
/// <param name="OffsetMs">Its clock minus the collector's before the run (after it, when only that was measured); null when never measured.</param>
/// <param name="ErrorBoundMs">The true offset is within this of the one applied; null when never measured.</param>
/// <param name="DriftMs">The offset after the run minus the one before; null unless both were measured.</param>
public sealed record ClockSummary(string Component, double? OffsetMs, double? ErrorBoundMs, double? DriftMs)
{
    public static ClockSummary Of(ComponentClock clock) => new(
        clock.Component,
        ToMs((clock.Before ?? clock.After)?.OffsetNanos),
        ToMs(clock.ErrorBoundNanos),
        ToMs(clock.DriftNanos));

    /// <summary>
    /// The bound of a span between stamps of two components: the sum of their clocks' bounds; null when the clocks
    /// were not measured, or either of the two was not.
    /// </summary>
    public static double? SpanBoundMs(RunRecords records, int from, int to)
    {
        if (records.Clocks is not { } clocks)
        {
            return null;
        }

        return clocks[from].ErrorBoundNanos is { } a && clocks[to].ErrorBoundNanos is { } b
            ? ToMs(from == to ? a : a + b)
            : null;
    }

    /// <summary>Notes for every clock that was not measured before and after the run.</summary>
    public static IEnumerable<string> NotesOf(IReadOnlyList<ComponentClock> clocks)
    {
        foreach (var clock in clocks)
        {
            if (!clock.IsMeasured)
            {
                yield return $"{clock.Component}: clock not measured (no answer to /clock before or after the run); its stamps are used uncorrected";
            }
            else if (clock.Before is null || clock.After is null)
            {
                yield return $"{clock.Component}: clock measured only {(clock.Before is null ? "after" : "before")} the run; its drift is unknown";
            }
        }
    }

    private static double? ToMs(long? nanos) => nanos / 1e6;
}
