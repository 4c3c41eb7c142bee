namespace MeshAspire.Workflow.Timing;

/// <summary>
/// One NTP-style exchange with a component, in Unix nanoseconds: the collector sends at <see cref="Sent"/> (t0) and
/// gets the answer at <see cref="Returned"/> (t3), both on its clock; the component handled the request at
/// <see cref="Handled"/> (t1) and answered at <see cref="Answered"/> (t2), both on its clock.
/// </summary>
public readonly record struct ClockProbe(long Sent, long Handled, long Answered, long Returned)
{
    /// <summary>The component's clock minus the collector's: ((t1 − t0) + (t2 − t3)) / 2.</summary>
    public long OffsetNanos => ((Handled - Sent) + (Answered - Returned)) / 2;

    /// <summary>Time on the wire both ways: (t3 − t0) − (t2 − t1). The true offset lies within half of it.</summary>
    public long DelayNanos => (Returned - Sent) - (Answered - Handled);

    /// <summary>The middle of the exchange on the collector's clock.</summary>
    public long MidpointNanos => Sent + ((Returned - Sent) / 2);
}
