using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Trigger;

/// <summary>
/// The trigger's side of <c>reply.topic</c>: a reply stamps its message's row (as the row's received time) and
/// measures reply - intended on the trigger's clock alone, so no clock offset between machines enters it.
/// A second reply for the same message changes nothing.
/// </summary>
public sealed class ReplyRecorder(ComponentRun run) : IEnvelopeSink
{
    private long _replies;

    /// <summary>Messages whose first reply arrived.</summary>
    public long Replies => Interlocked.Read(ref _replies);

    public void Accept(Envelope envelope, long receivedNanos)
    {
        var sequence = envelope.Sequence;
        if (sequence < 0 || sequence >= run.Records.Count)
        {
            return;
        }

        ref var row = ref run.Records[sequence];
        if (row.SentNanos == 0 || row.ReceivedNanos != 0)
        {
            return;
        }

        row.ReceivedNanos = receivedNanos;
        Interlocked.Increment(ref _replies);
        if (row.Repetition > 0)
        {
            run.Record(LatencyKind.Reply, receivedNanos - row.IntendedNanos);
        }
    }
}
