using System.Diagnostics;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Pacing;

/// <summary>
/// Drives one pass of a schedule open loop on the calling (dedicated) thread: each message is sent at its
/// intended time, never waiting for a reply. Messages already due are sent back to back, each still stamped
/// with its own intended time, so a late generator shows as lag instead of a lower offered rate.
/// </summary>
public static class Pacer
{
    /// <returns>How many messages were sent: all of them, or fewer when <paramref name="ct"/> was cancelled.</returns>
    public static long Run(ISchedule schedule, long startStopwatchTicks, IPacedSender sender, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(sender);

        long sent = 0;
        for (long i = 0; i < schedule.Count && !ct.IsCancellationRequested; i++)
        {
            var dueTicks = startStopwatchTicks + UnixClock.NanosToTicks(schedule.IntendedOffsetNanos(i));
            if (Stopwatch.GetTimestamp() < dueTicks && !PreciseDelay.SleepUntil(dueTicks, ct))
            {
                break;
            }

            sender.Send(i, UnixClock.ToUnixNanos(dueTicks));
            sent++;
        }

        return sent;
    }
}
