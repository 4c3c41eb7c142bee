using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Running;

/// <summary>
/// Records what became of each message a component forwarded; the token is the message's row, and the
/// round trip is measured from the row's <see cref="MessageRecord.ForwardedNanos"/> on this component's clock.
/// Each answer or failure frees a slot of the sender's <see cref="InFlightLimit"/>, if it has one.
/// </summary>
public sealed class DeliveryRecorder(ComponentRun run, InFlightLimit? inFlight = null) : IDeliveryObserver
{
    public void Acknowledged(long token, long acknowledgedNanos)
    {
        inFlight?.Leave();
        ref var row = ref run.Records[token];
        row.AcknowledgedNanos = acknowledgedNanos;
        row.Outcome |= MessageOutcome.Acknowledged;
        run.Counters.AddAcknowledged();
        if (row.Repetition > 0)
        {
            run.Record(LatencyKind.RoundTrip, acknowledgedNanos - row.ForwardedNanos);
        }
    }

    public void Failed(long token, DeliveryFailure failure)
    {
        inFlight?.Leave();
        ref var row = ref run.Records[token];
        row.Outcome |= run.Counters.AddFailure(failure) ? MessageOutcome.SendFailed : MessageOutcome.Unacknowledged;
    }
}
