using System.Diagnostics;

namespace MeshAspire.Workflow.Timing;

/// <summary>
/// The component's clock: Unix nanoseconds, read from the monotonic high-resolution counter anchored to
/// the wall clock once at start, so stamps within one process never go backwards and cost one counter read.
/// </summary>
public static class UnixClock
{
    private static readonly long AnchorTicks = Stopwatch.GetTimestamp();
    private static readonly long AnchorUnixNanos = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    public static long NowNanos() => ToUnixNanos(Stopwatch.GetTimestamp());

    /// <summary>Converts a <see cref="Stopwatch.GetTimestamp"/> reading to Unix nanoseconds.</summary>
    public static long ToUnixNanos(long stopwatchTicks) =>
        AnchorUnixNanos + (long)((stopwatchTicks - AnchorTicks) * NanosPerTick);

    /// <summary>Converts Unix nanoseconds on this clock back to a <see cref="Stopwatch.GetTimestamp"/> reading.</summary>
    public static long ToStopwatchTicks(long unixNanos) =>
        AnchorTicks + (long)((unixNanos - AnchorUnixNanos) / NanosPerTick);

    public static long NanosToTicks(long nanos) => (long)(nanos / NanosPerTick);

    public static DateTimeOffset ToDateTimeOffset(long unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100);
}
