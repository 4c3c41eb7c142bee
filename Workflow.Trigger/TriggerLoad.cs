using System.Diagnostics;
using Google.Protobuf;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Timing;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Trigger;

/// <summary>
/// Turns each due slot of the schedule into a message: stamps, records and sends it without waiting for the
/// answer; a <see cref="DeliveryRecorder"/> records the answer when it comes. At <c>max.in.flight</c> unanswered
/// messages it waits for a slot, and the wait shows as generator lag.
/// </summary>
public sealed class TriggerLoad(ComponentRun run, ByteString payload, int traceEvery, InFlightLimit inFlight, CancellationToken stopping) : IPacedSender
{
    private readonly string _spanName = $"{run.Identity.Name} send";
    private IHopSender? _sender;
    private TriggerPass? _pass;

    public void Attach(IHopSender sender) => _sender = sender;

    public void Begin(TriggerPass pass) => _pass = pass;

    public void Send(long index, long intendedUnixNanos)
    {
        var pass = _pass ?? throw new InvalidOperationException("no pass begun");
        var sender = _sender ?? throw new InvalidOperationException("no sender attached");
        var sequence = pass.FirstSequence + index;
        if (!inFlight.Enter(stopping))
        {
            return;
        }

        var envelope = new Envelope
        {
            RunId = run.Identity.RunId,
            Sequence = sequence,
            Repetition = pass.Repetition,
            IntendedNs = intendedUnixNanos,
            Payload = payload,
        };

        using var activity = WorkflowTracing.IsSampled(sequence, traceEvery)
            ? WorkflowTracing.Source.StartActivity(_spanName, ActivityKind.Producer)
            : null;
        if (activity is not null)
        {
            activity.SetTag("meshaspire.sequence", sequence);
            envelope.Traceparent = activity.Id;
        }

        var sent = UnixClock.NowNanos();
        envelope.SentNs = sent;
        ref var row = ref run.Records[sequence];
        row.Sequence = sequence;
        row.Repetition = pass.Repetition;
        row.IntendedNanos = intendedUnixNanos;
        row.SentNanos = sent;
        row.ForwardedNanos = sent;
        run.Counters.AddSent();
        run.MarkSent(sent);
        if (pass.Repetition > 0)
        {
            run.Record(LatencyKind.GeneratorLag, sent - intendedUnixNanos);
        }

        sender.Send(envelope, sequence);
    }
}
