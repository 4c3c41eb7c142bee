using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Pacing;

/// <summary>
/// An action's or the conclusion's processing capacity: a single server whose service time is 1/r(t), r going
/// from ops.start to ops.end over the duration measured from the first message (then ops.end holds).
/// Message k may be processed no earlier than max(arrival_k, slot_{k-1} + 1/r(slot_{k-1})), so idle time is not banked.
/// Not thread-safe: one caller reserves slots.
/// </summary>
public sealed class ProcessingCapacity
{
    private const long NanosPerMilli = 1_000_000;

    private readonly OperationRate? _rate;
    private readonly ThesisWait? _thesisWait;
    private readonly double _durationNanos;
    private bool _started;
    private long _originNanos;
    private long _lastSlotNanos;

    public ProcessingCapacity(OperationRate? rate, TimeSpan duration, PacingMode pacing)
    {
        RateGuard.RequireNonNegative(duration, nameof(duration));
        if (rate is null)
        {
            return;
        }

        RateGuard.RequirePositive(rate.Start, nameof(rate));
        RateGuard.RequirePositive(rate.End, nameof(rate));
        _rate = rate;
        _durationNanos = duration.Ticks * 100.0;
        _thesisWait = pacing switch
        {
            PacingMode.Linear => null,
            PacingMode.Thesis => new ThesisWait(rate, duration),
            _ => throw new ArgumentOutOfRangeException(nameof(pacing), pacing, "unknown pacing mode"),
        };
    }

    public bool IsUnlimited => _rate is null;

    /// <summary>Reserves and returns the earliest time (Unix ns, the clock of <paramref name="nowNanos"/>) the next message may be processed.</summary>
    public long NextSlot(long nowNanos)
    {
        if (_rate is null)
        {
            return nowNanos;
        }

        if (!_started)
        {
            _started = true;
            _originNanos = nowNanos;
            _lastSlotNanos = nowNanos;
            return nowNanos;
        }

        var earliest = _lastSlotNanos + IntervalNanos(_lastSlotNanos - _originNanos);
        _lastSlotNanos = Math.Max(nowNanos, earliest);
        return _lastSlotNanos;
    }

    private long IntervalNanos(long elapsedNanos)
    {
        if (_thesisWait is not null)
        {
            return _thesisWait.MillisAt(elapsedNanos / NanosPerMilli) * NanosPerMilli;
        }

        var fraction = elapsedNanos < _durationNanos ? elapsedNanos / _durationNanos : 1.0;
        var perSecond = _rate!.Start + ((_rate.End - _rate.Start) * fraction);
        return (long)Math.Round(1e9 / perSecond);
    }
}
