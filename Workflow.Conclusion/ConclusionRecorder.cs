using System.Diagnostics;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Transports;
using Microsoft.Extensions.Configuration;
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
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<ConclusionRecorder> logger) : InboundProcessor(setup, queue, lifetime)
{
    private readonly string _spanName = $"{run.Identity.Name} conclude";
    private readonly SequenceSet _seen = new();
    private long _highestSequence = -1;
    private bool _reportedHopMismatch;
    private IHopSender? _replies;

    /// <summary>With <c>reply.topic</c>, connects to the broker to send every first arrival's reply to the trigger.</summary>
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var settings = Setup.Scenario.Settings;
        if (settings.ReplyTopic is { } topic)
        {
            _replies = HopSenders.CreateAsync(
                settings.Transport, BrokerEndpoint.Resolve(configuration, settings.Transport), topic, new ReplyObserver(run), Setup.TopicOptions(), configuration, logger);
            try
            {
                await _replies.ConnectAsync(cancellationToken);
            }
            catch (HopUnreachableException error)
            {
                run.Fail(error.Message);
                LogUnreachable(error.Message);
                return;
            }
        }

        run.MoveTo(RunState.Running);
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

        if (_replies is not null)
        {
            run.Counters.AddSent();
            _replies.Send(ReplyObserver.ReplyTo(envelope), index);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_replies is not null)
        {
            await _replies.DisposeAsync();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "the reply topic is unreachable; the run cannot be replied to: {Reason}")]
    private partial void LogUnreachable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "message {Sequence} carries {Hops} hop stamps where the chain has {Expected} actions; missing stamps are recorded as 0")]
    private partial void LogHopMismatch(long sequence, int hops, int expected);
}
