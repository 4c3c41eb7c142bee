using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Pacing;

/// <summary>
/// The thesis's Code 5-20: the wait in whole milliseconds between one operation and the next, interpolated
/// linearly from 1000/ops.start to 1000/ops.end over the duration and rounded as Java's Math.round does.
/// </summary>
internal sealed class ThesisWait
{
    private readonly double _durationMillis;

    public ThesisWait(OperationRate rate, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(rate);
        RateGuard.RequirePositive(rate.Start, nameof(rate));
        RateGuard.RequirePositive(rate.End, nameof(rate));
        RateGuard.RequireNonNegative(duration, nameof(duration));

        StartMillis = WholeMillisBetween(rate.Start);
        EndMillis = WholeMillisBetween(rate.End);
        if (StartMillis == 0 || EndMillis == 0)
        {
            throw new ArgumentException(
                $"thesis pacing waits 1000/ops whole milliseconds, which is 0 above 1000 msg/s and never advances (ops {rate.Start} -> {rate.End})",
                nameof(rate));
        }

        _durationMillis = duration.Ticks / (double)TimeSpan.TicksPerMillisecond;
    }

    /// <summary>start_wait = 1000 / start_ops.</summary>
    public long StartMillis { get; }

    /// <summary>end_wait = 1000 / end_ops.</summary>
    public long EndMillis { get; }

    public bool IsConstant => StartMillis == EndMillis;

    public long MillisAt(long elapsedMillis)
    {
        if (IsConstant)
        {
            return StartMillis;
        }

        var t = elapsedMillis < _durationMillis ? elapsedMillis / _durationMillis : 1.0;
        return (long)Math.Floor(((1.0 - t) * StartMillis) + (t * EndMillis) + 0.5);
    }

    /// <summary>Java's integer division 1000 / ops, extended to fractional ops as floor(1000 / ops).</summary>
    private static long WholeMillisBetween(double perSecond)
    {
        var millis = 1000 / perSecond;
        var nearest = Math.Round(millis);

        // 1000 / 0.1 must give 10000, not 9999 from the binary representation of 0.1.
        return Math.Abs(millis - nearest) <= 1e-9 * Math.Max(1, millis) ? (long)nearest : (long)Math.Floor(millis);
    }
}
