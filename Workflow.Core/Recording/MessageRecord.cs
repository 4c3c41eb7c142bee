namespace MeshAspire.Workflow.Recording;

/// <summary>
/// One message as one component saw it. Times are Unix nanoseconds; 0 means "did not happen here".
/// Every row carries the trigger's intended and sent times from the envelope. <see cref="ForwardedNanos"/> is
/// when this component handed the message to its next hop (the trigger: its send; the conclusion: when it
/// finished with it); <see cref="AcknowledgedNanos"/> when the next hop answered. The conclusion keeps the
/// upstream hop stamps beside the row.
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
