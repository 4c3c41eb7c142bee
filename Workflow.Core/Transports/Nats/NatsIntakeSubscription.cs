using System.Buffers;
using MeshAspire.Workflow.Timing;
using NATS.Client.Core;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>
/// A core NATS subscription that hands each message to the intake on the connection's socket reader, stamping its
/// arrival there. The client's own subscription queues every message in a channel that another thread drains: one
/// thread wake-up more per message, which on a loaded machine is most of a hop's latency.
/// </summary>
internal sealed class NatsIntakeSubscription(INatsConnection connection, string subject, TopicIntake intake)
    : NatsSubBase(connection, connection.SubscriptionManager, subject, queueGroup: null, opts: null)
{
    protected override ValueTask ReceiveInternalAsync(string subject, string? replyTo, ReadOnlySequence<byte>? headersBuffer, ReadOnlySequence<byte> payloadBuffer)
    {
        intake.Offer(payloadBuffer, UnixClock.NowNanos());
        return ValueTask.CompletedTask;
    }

    protected override void TryComplete()
    {
    }
}
