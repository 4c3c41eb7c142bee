namespace MeshAspire.Workflow.Timing;

/// <summary>
/// A component's clock offset at one moment, from the probe with the least delay of a burst.
/// </summary>
/// <param name="OffsetNanos">The component's clock minus the collector's.</param>
/// <param name="ErrorBoundNanos">Half the chosen probe's delay: the true offset is within this of <paramref name="OffsetNanos"/>.</param>
/// <param name="AtNanos">When it was measured, on the collector's clock.</param>
/// <param name="Probes">How many probes of the burst were answered.</param>
public sealed record ClockReading(long OffsetNanos, long ErrorBoundNanos, long AtNanos, int Probes)
{
    /// <summary>The reading of the probe with the least delay; null without a usable probe.</summary>
    /// <remarks>
    /// A probe with a negative delay (the component's handling took longer than the whole exchange) can only come
    /// from a clock that jumped, and is left out.
    /// </remarks>
    public static ClockReading? FromProbes(IReadOnlyCollection<ClockProbe> probes)
    {
        ClockProbe? best = null;
        foreach (var probe in probes)
        {
            if (probe.DelayNanos >= 0 && (best is null || probe.DelayNanos < best.Value.DelayNanos))
            {
                best = probe;
            }
        }

        return best is { } chosen
            ? new ClockReading(chosen.OffsetNanos, (chosen.DelayNanos + 1) / 2, chosen.MidpointNanos, probes.Count)
            : null;
    }
}
