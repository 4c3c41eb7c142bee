using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Conclusion;

/// <summary>Counts what became of the conclusion's replies (reply.topic); a reply carries no payload and no hop stamps.</summary>
public sealed class ReplyObserver(ComponentRun run) : IDeliveryObserver
{
    public static Envelope ReplyTo(Envelope message) => new()
    {
        RunId = message.RunId,
        Sequence = message.Sequence,
        Repetition = message.Repetition,
        IntendedNs = message.IntendedNs,
        SentNs = message.SentNs,
    };

    public void Acknowledged(long token, long acknowledgedNanos) => run.Counters.AddAcknowledged();

    public void Failed(long token, DeliveryFailure failure) => run.Counters.AddFailure(failure);
}
