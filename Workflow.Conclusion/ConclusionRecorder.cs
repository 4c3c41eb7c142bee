using System.Diagnostics;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Conclusion;

/// <summary>
/// Records every arrival with all its hop stamps; counts a sequence number seen before as a duplicate and one
/// lower than the highest seen as reordered. End-to-end latency is measured when the conclusion is done with
/// the message, from its intended send time.
/// </summary>
public sealed partial class ConclusionRecorder(
    ComponentSetup setup,
    ComponentRun run,
    InboundQueue queue,
    IHostApplicationLifetime lifetime,
    ILogger<ConclusionRecorder> logger) : InboundProcessor(setup, queue, lifetime)
{
    private readonly string _spanName = $"{run.Identity.Name} conclude";
    private readonly SequenceSet _seen = new();
    private long _highestSequence = -1;
    private bool _reportedHopMismatch;

    protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        run.MoveTo(RunState.Running);
        return Task.CompletedTask;
    }

    protected override void Process(in InboundMessage message, long startedNanos)
    {
        var envelope = message.Envelope;
        WorkflowTracing.Continue(envelope, _spanName, ActivityKind.Consumer, message.ReceivedNanos)?.Dispose();

        var index = run.RecordArrival(message);
        ref var row = ref run.Records[index];
        row.ForwardedNanos = startedNanos;
        KeepHopStamps(envelope, run.Records.StampsOf(index));

        if (!_seen.Add(envelope.Sequence))
        {
            row.Outcome |= MessageOutcome.Duplicate;
            run.Counters.AddDuplicate();
            return;
        }

        run.Counters.AddReceived();
        if (envelope.Sequence < _highestSequence)
        {
            run.Counters.AddReordered();
        }

        _highestSequence = Math.Max(_highestSequence, envelope.Sequence);
        if (envelope.Repetition > 0)
        {
            run.Record(LatencyKind.EndToEnd, startedNanos - envelope.IntendedNs);
            run.Record(LatencyKind.ServiceTime, startedNanos - message.ReceivedNanos);
        }
    }

    private void KeepHopStamps(Envelope envelope, Span<long> stamps)
    {
        if (envelope.Hops.Count != run.Upstream.Count && !_reportedHopMismatch)
        {
            _reportedHopMismatch = true;
            LogHopMismatch(envelope.Sequence, envelope.Hops.Count, run.Upstream.Count);
        }

        var hops = Math.Min(envelope.Hops.Count, run.Upstream.Count);
        for (var i = 0; i < hops; i++)
        {
            stamps[2 * i] = envelope.Hops[i].ReceivedNs;
            stamps[(2 * i) + 1] = envelope.Hops[i].SentNs;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "message {Sequence} carries {Hops} hop stamps where the chain has {Expected} actions; missing stamps are recorded as 0")]
    private partial void LogHopMismatch(long sequence, int hops, int expected);
}
