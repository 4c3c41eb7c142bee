namespace MeshAspire.Workflow.Pacing;

/// <summary>
/// When each message of one pass of the trigger's load is due, as an offset from the pass's start.
/// Pure and deterministic: the same scenario gives the same schedule, so message counts can be pinned.
/// </summary>
public interface ISchedule
{
    /// <summary>How many messages the schedule sends: every message whose intended time is before the duration.</summary>
    long Count { get; }

    /// <summary>The intended send time of message <paramref name="index"/> (0-based), in nanoseconds from the start.</summary>
    long IntendedOffsetNanos(long index);
}
