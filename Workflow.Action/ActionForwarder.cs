using System.Diagnostics;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Timing;
using MeshAspire.Workflow.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Action;

/// <summary>
/// Forwards every message to the next hop, open loop, adding this action's stamp (received, sent), and records
/// the next hop's answer as this hop's round trip.
/// </summary>
public sealed partial class ActionForwarder(
    ComponentSetup setup,
    ComponentRun run,
    InboundQueue queue,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<ActionForwarder> logger) : InboundProcessor(setup, queue, lifetime)
{
    private readonly string _spanName = $"{run.Identity.Name} forward";
    private IHopSender? _sender;

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _sender = HopSenders.Create(Setup, configuration, new DeliveryRecorder(run), logger);
        run.MoveTo(RunState.Connecting);
        LogConnecting(_sender.Target);
        try
        {
            await _sender.ConnectAsync(cancellationToken);
            run.MoveTo(RunState.Running);
        }
        catch (HopUnreachableException error)
        {
            run.Fail(error.Message);
            LogUnreachable(error.Message);
        }
    }

    protected override void Process(in InboundMessage message, long startedNanos)
    {
        var envelope = message.Envelope;
        using var activity = WorkflowTracing.Continue(envelope, _spanName, ActivityKind.Consumer, message.ReceivedNanos);
        if (activity is not null)
        {
            envelope.Traceparent = activity.Id;
        }

        var index = run.RecordArrival(message);
        ref var row = ref run.Records[index];
        run.Counters.AddReceived();

        var forwarded = UnixClock.NowNanos();
        envelope.Hops.Add(new HopStamp { Component = run.Identity.Name, ReceivedNs = message.ReceivedNanos, SentNs = forwarded });
        row.ForwardedNanos = forwarded;
        run.Counters.AddSent();
        run.MarkSent(forwarded);
        if (envelope.Repetition > 0)
        {
            run.Record(LatencyKind.ServiceTime, forwarded - message.ReceivedNanos);
        }

        _sender!.Send(envelope, index);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_sender is not null)
        {
            await _sender.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "connecting to the next hop {Target}")]
    private partial void LogConnecting(string target);

    [LoggerMessage(Level = LogLevel.Error, Message = "the next hop is unreachable; messages will fail until it answers: {Reason}")]
    private partial void LogUnreachable(string reason);
}
