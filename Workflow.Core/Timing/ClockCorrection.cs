namespace MeshAspire.Workflow.Timing;

/// <summary>
/// A <see cref="ComponentClock"/> ready to be applied to many stamps: the offset before the run, and the line the
/// offset follows to the reading after it. The default corrects nothing (one clock).
/// </summary>
public readonly struct ClockCorrection
{
    private readonly long _offset;
    private readonly long _drift;
    private readonly long _from;
    private readonly double _fractionPerNano;

    private ClockCorrection(long offset, long drift, long from, double fractionPerNano)
    {
        _offset = offset;
        _drift = drift;
        _from = from;
        _fractionPerNano = fractionPerNano;
    }

    public static ClockCorrection Of(ComponentClock clock)
    {
        if (clock.Before is not { } before)
        {
            return new ClockCorrection(clock.After?.OffsetNanos ?? 0, 0, 0, 0);
        }

        if (clock.After is not { } after || after.AtNanos <= before.AtNanos)
        {
            return new ClockCorrection(before.OffsetNanos, 0, 0, 0);
        }

        // A stamp s taken at collector time c is s = c + offset(c), the offset linear in c from before to after:
        // the fraction of the way is (s − (before's offset + before's time)) / (span + drift).
        var drift = after.OffsetNanos - before.OffsetNanos;
        var span = after.AtNanos - before.AtNanos;
        return new ClockCorrection(before.OffsetNanos, drift, before.OffsetNanos + before.AtNanos, 1.0 / (span + drift));
    }

    /// <summary>The offset of the component's clock when it read <paramref name="stampNanos"/>.</summary>
    public long OffsetAt(long stampNanos) =>
        _drift == 0 ? _offset : _offset + (long)Math.Round(Math.Clamp((stampNanos - _from) * _fractionPerNano, 0, 1) * _drift);

    /// <summary>A stamp of the component's clock on the collector's; 0 (no stamp) stays 0.</summary>
    public long ToCollectorClock(long stampNanos) => stampNanos == 0 ? 0 : stampNanos - OffsetAt(stampNanos);
}
