namespace MeshAspire.Workflow.Recording;

/// <summary>
/// One message as one component saw it. Times are Unix nanoseconds; 0 means "did not happen here".
/// The trigger fills intended, sent and acknowledged; an action fills received, forwarded and acknowledged;
/// the conclusion fills received and forwarded (when it finished with the message) and keeps the upstream
/// hop stamps beside the row.
/// </summary>
public struct MessageRecord
{
    public long Sequence;
    public long IntendedNanos;
    public long SentNanos;
    public long ReceivedNanos;
    public long ForwardedNanos;
    public long AcknowledgedNanos;
    public int Repetition;
    public MessageOutcome Outcome;
}
