using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Pacing;

/// <summary>
/// Open-loop pacing whose rate goes linearly from r0 = ops.start to r1 = ops.end over the duration T.
/// Messages sent by time t: N(t) = r0*t + (r1-r0)*t^2/(2T); message i is due when N(t_i) = i.
/// </summary>
public sealed class LinearSchedule : ISchedule
{
    private readonly double _r0;
    private readonly double _halfSlope;
    private readonly long _durationNanos;

    public LinearSchedule(OperationRate rate, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(rate);
        RateGuard.RequirePositive(rate.Start, nameof(rate));
        RateGuard.RequirePositive(rate.End, nameof(rate));
        RateGuard.RequireNonNegative(duration, nameof(duration));

        var seconds = duration.TotalSeconds;
        _r0 = rate.Start;
        _halfSlope = seconds > 0 ? (rate.End - rate.Start) / (2 * seconds) : 0;
        _durationNanos = duration.Ticks * 100;
        Count = CountBefore((rate.Start + rate.End) * seconds / 2);
    }

    public long Count { get; }

    public long IntendedOffsetNanos(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

        // Root of a*t^2 + r0*t - i = 0 in the form 2i / (r0 + sqrt(...)): no cancellation when a is tiny or negative.
        var discriminant = Math.Max(0, (_r0 * _r0) + (4 * _halfSlope * index));
        var seconds = 2.0 * index / (_r0 + Math.Sqrt(discriminant));
        var nanos = (long)Math.Round(seconds * 1e9);

        // t_i < T holds exactly; only rounding to whole nanoseconds can reach T.
        return Math.Min(nanos, _durationNanos - 1);
    }

    /// <summary>The number of whole i with i &lt; n, where n within floating error of an integer counts as that integer.</summary>
    private static long CountBefore(double n)
    {
        if (n > 1e15)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "the schedule would send more than 10^15 messages");
        }

        var nearest = Math.Round(n);
        var tolerance = Math.Max(1e-9, 4 * (Math.BitIncrement(n) - n));
        return Math.Abs(n - nearest) <= tolerance ? (long)nearest : (long)Math.Ceiling(n);
    }
}
