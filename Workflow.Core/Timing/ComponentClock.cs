namespace MeshAspire.Workflow.Timing;

/// <summary>
/// What the collector knows of one component's clock: its reading before the run and after it, either of which may
/// be missing. A stamp the component took is moved to the collector's clock by subtracting the offset, which goes
/// linearly from the reading before to the one after (the drift), and stays at the nearer one outside that span.
/// </summary>
public sealed record ComponentClock(string Component, ClockReading? Before, ClockReading? After)
{
    /// <summary>Whether any reading exists; without one the component's stamps are taken as they are.</summary>
    public bool IsMeasured => Before is not null || After is not null;

    /// <summary>The bound of the offset applied to any stamp: the larger of the two readings' bounds; null when not measured.</summary>
    public long? ErrorBoundNanos =>
        Before is { } before && After is { } after ? Math.Max(before.ErrorBoundNanos, after.ErrorBoundNanos)
        : (Before ?? After)?.ErrorBoundNanos;

    /// <summary>How much the offset changed from before the run to after it; null unless both were measured.</summary>
    public long? DriftNanos => Before is { } before && After is { } after ? after.OffsetNanos - before.OffsetNanos : null;

    /// <summary>The offset to apply to a stamp this component took; 0 when not measured.</summary>
    public long OffsetAt(long stampNanos) => ClockCorrection.Of(this).OffsetAt(stampNanos);

    /// <summary>A stamp of this component's clock on the collector's.</summary>
    public long ToCollectorClock(long stampNanos) => stampNanos - OffsetAt(stampNanos);
}
