namespace MeshAspire.Workflow.Pacing;

/// <summary>Sends one message of a paced schedule; called by <see cref="Pacer"/> on its own thread.</summary>
public interface IPacedSender
{
    /// <param name="index">The message's 0-based index in the schedule.</param>
    /// <param name="intendedUnixNanos">When the schedule meant it to be sent (Unix ns): latency is measured from here.</param>
    void Send(long index, long intendedUnixNanos);
}
