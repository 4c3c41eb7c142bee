using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Pacing;

/// <summary>
/// The thesis's own pacing (Code 5-20) on an ideal machine: message 0 at 0 ms; after sending message k at
/// t_k whole ms, the trigger sleeps the Code 5-20 wait at elapsed = t_k; messages are those with t_k &lt; T.
/// </summary>
public sealed class ThesisSchedule : ISchedule
{
    private const long NanosPerMilli = 1_000_000;

    private readonly long _constantWaitMillis;
    private readonly int[]? _offsetsMillis;

    public ThesisSchedule(OperationRate rate, TimeSpan duration)
    {
        var wait = new ThesisWait(rate, duration);
        var durationTicks = duration.Ticks;
        if (wait.IsConstant)
        {
            _constantWaitMillis = wait.StartMillis;
            var stepTicks = wait.StartMillis * TimeSpan.TicksPerMillisecond;
            Count = (durationTicks + stepTicks - 1) / stepTicks;
            return;
        }

        if (duration.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a varying thesis schedule must last under 24 days");
        }

        var offsets = new List<int>();
        for (long t = 0; t * TimeSpan.TicksPerMillisecond < durationTicks; t += wait.MillisAt(t))
        {
            offsets.Add((int)t);
        }

        _offsetsMillis = [.. offsets];
        Count = _offsetsMillis.Length;
    }

    public long Count { get; }

    public long IntendedOffsetNanos(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

        var millis = _offsetsMillis is null ? index * _constantWaitMillis : _offsetsMillis[index];
        return millis * NanosPerMilli;
    }
}
