using System.Diagnostics;

namespace MeshAspire.Workflow.Timing;

/// <summary>
/// The component's clock: Unix nanoseconds, read from the monotonic high-resolution counter anchored to
/// the wall clock once at start, so stamps within one process never go backwards and cost one counter read.
/// </summary>
public static class UnixClock
{
    private static readonly long AnchorTicks = Stopwatch.GetTimestamp();
    private static readonly long WallAnchorUnixNanos = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;
    private static long _anchorUnixNanos = WallAnchorUnixNanos;

    public static long NowNanos() => ToUnixNanos(Stopwatch.GetTimestamp());

    /// <summary>Converts a <see cref="Stopwatch.GetTimestamp"/> reading to Unix nanoseconds.</summary>
    public static long ToUnixNanos(long stopwatchTicks) =>
        _anchorUnixNanos + (long)((stopwatchTicks - AnchorTicks) * NanosPerTick);

    /// <summary>Converts Unix nanoseconds on this clock back to a <see cref="Stopwatch.GetTimestamp"/> reading.</summary>
    public static long ToStopwatchTicks(long unixNanos) =>
        AnchorTicks + (long)((unixNanos - _anchorUnixNanos) / NanosPerTick);

    public static long NanosToTicks(long nanos) => (long)(nanos / NanosPerTick);

    public static DateTimeOffset ToDateTimeOffset(long unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100);

    /// <summary>
    /// Only for testing clock correction: sets this whole process's clock <paramref name="skew"/> away from the wall
    /// clock, as if it ran on another machine. Call it once, before anything is stamped.
    /// </summary>
    public static void SkewForTesting(TimeSpan skew) =>
        Volatile.Write(ref _anchorUnixNanos, WallAnchorUnixNanos + (skew.Ticks * 100));
}
