using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MeshAspire.Workflow.Pacing;

/// <summary>Waits until a <see cref="Stopwatch.GetTimestamp"/> reading with about 100 µs precision, without spinning through long waits.</summary>
public static partial class PreciseDelay
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int Interrupted = 4;
    private const long NanosPerSecond = 1_000_000_000;

    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;
    private static readonly long AsyncMarginTicks = Stopwatch.Frequency / 500;

    // On Linux the Stopwatch reads CLOCK_MONOTONIC in nanoseconds, so its ticks are a clock_nanosleep deadline.
    private static bool s_canSleepOnMonotonicClock = OperatingSystem.IsLinux() && Stopwatch.Frequency == NanosPerSecond;

    /// <summary>Blocks the calling thread until <see cref="Stopwatch.GetTimestamp"/> reaches <paramref name="stopwatchTicks"/>.</summary>
    public static void SleepUntil(long stopwatchTicks)
    {
        if (s_canSleepOnMonotonicClock)
        {
            SleepOnMonotonicClock(stopwatchTicks);
        }

        // Returns at once when clock_nanosleep did the wait; finishes it when clock_nanosleep failed.
        SleepThenSpin(stopwatchTicks);
    }

    /// <summary>
    /// Like <see cref="SleepUntil(long)"/> but gives up early when <paramref name="ct"/> is cancelled.
    /// Returns false when it was cancelled before the time came.
    /// </summary>
    public static bool SleepUntil(long stopwatchTicks, CancellationToken ct)
    {
        var coarseTicks = stopwatchTicks - AsyncMarginTicks - Stopwatch.GetTimestamp();
        if (coarseTicks > 0 && ct.CanBeCanceled && ct.WaitHandle.WaitOne(Stopwatch.GetElapsedTime(0, coarseTicks)))
        {
            return false;
        }

        SleepUntil(stopwatchTicks);
        return !ct.IsCancellationRequested;
    }

    /// <summary>Waits with <see cref="Task.Delay(TimeSpan, CancellationToken)"/> for all but the last ~2 ms, then blocks for the rest.</summary>
    public static async ValueTask DelayUntilAsync(long stopwatchTicks, CancellationToken ct)
    {
        var coarseTicks = stopwatchTicks - AsyncMarginTicks - Stopwatch.GetTimestamp();
        if (coarseTicks > 0)
        {
            await Task.Delay(Stopwatch.GetElapsedTime(0, coarseTicks), ct).ConfigureAwait(false);
        }

        ct.ThrowIfCancellationRequested();
        SleepUntil(stopwatchTicks);
    }

    private static void SleepOnMonotonicClock(long stopwatchTicks)
    {
        var deadline = new TimeSpec((nint)(stopwatchTicks / NanosPerSecond), (nint)(stopwatchTicks % NanosPerSecond));
        while (Stopwatch.GetTimestamp() < stopwatchTicks)
        {
            int error;
            try
            {
                error = ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in deadline, IntPtr.Zero);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_canSleepOnMonotonicClock = false;
                return;
            }

            if (error != 0 && error != Interrupted)
            {
                return;
            }
        }
    }

    private static void SleepThenSpin(long stopwatchTicks)
    {
        var sleepTicks = stopwatchTicks - SpinTicks - Stopwatch.GetTimestamp();
        while (sleepTicks > 0)
        {
            Thread.Sleep(Stopwatch.GetElapsedTime(0, sleepTicks));
            sleepTicks = stopwatchTicks - SpinTicks - Stopwatch.GetTimestamp();
        }

        var spinner = default(SpinWait);
        while (Stopwatch.GetTimestamp() < stopwatchTicks)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clockId, int flags, in TimeSpec request, IntPtr remain);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeSpec(nint seconds, nint nanoseconds)
    {
        public readonly nint Seconds = seconds;
        public readonly nint Nanoseconds = nanoseconds;
    }
}
