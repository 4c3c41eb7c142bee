using System.Security.Cryptography;
using Google.Protobuf;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Trigger;

/// <summary>
/// The trigger's run: connect to the first hop, send every pass of the plan open loop on a dedicated thread,
/// then wait up to the drain timeout for the last answers. The process stays up afterwards to serve its records.
/// </summary>
public sealed partial class TriggerRunner(
    ComponentSetup setup,
    ComponentRun run,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<TriggerRunner> logger) : BackgroundService
{
    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(5);

    private IHopSender? _sender;
    private IHopReceiver? _replyReceiver;
    private ReplyRecorder? _replies;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        var settings = setup.Scenario.Settings;
        var inFlight = new InFlightLimit(settings.MaxInFlight);
        var payload = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(settings.PayloadBytes));
        var load = new TriggerLoad(run, payload, settings.TraceEvery, inFlight, stoppingToken);
        _sender = HopSenders.Create(setup, configuration, new DeliveryRecorder(run, inFlight), logger);
        load.Attach(_sender);

        run.MoveTo(RunState.Connecting);
        LogConnecting(_sender.Target);
        try
        {
            await _sender.ConnectAsync(stoppingToken);
            await SubscribeToRepliesAsync(stoppingToken);
        }
        catch (HopUnreachableException error)
        {
            run.Fail(error.Message);
            LogFailed(error.Message);
            return;
        }

        var plan = TriggerPlan.For(setup.Scenario);
        run.Records.Reserve(plan.TotalMessages);
        run.SetScheduled(plan.TotalMessages);
        run.MoveTo(RunState.Running);
        LogStarting(plan.TotalMessages, plan.Passes.Count);

        foreach (var pass in plan.Passes)
        {
            load.Begin(pass);
            var sent = await Task.Factory.StartNew(
                () => Pacer.Run(pass.Schedule, System.Diagnostics.Stopwatch.GetTimestamp(), load, stoppingToken),
                stoppingToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            LogPassSent(pass.Repetition, sent);
            if (pass != plan.Passes[^1])
            {
                await DrainAsync(settings.Drain, stoppingToken);
            }
        }

        run.MoveTo(RunState.Draining);
        await DrainAsync(settings.Drain, stoppingToken);
        run.MoveTo(RunState.Completed);
        var counters = run.Counters;
        LogCompleted(counters.Sent, counters.Acknowledged, counters.SendFailed, counters.Unacknowledged, counters.Outstanding);
    }

    /// <summary>With <c>reply.topic</c>: subscribes to the conclusion's replies before the first message goes out.</summary>
    private async Task SubscribeToRepliesAsync(CancellationToken stoppingToken)
    {
        if (setup.Scenario.Settings.ReplyTopic is not { } topic)
        {
            return;
        }

        var transport = setup.Scenario.Settings.Transport;
        _replies = new ReplyRecorder(run);
        _replyReceiver = HopReceivers.Create(
            transport, BrokerEndpoint.Resolve(configuration, transport), topic, new TopicIntake(_replies, setup.Identity.RunId), setup.TopicOptions(), configuration, logger);
        LogSubscribingToReplies(_replyReceiver.Source);
        await _replyReceiver.StartAsync(stoppingToken);
    }

    /// <summary>Waits until every sent message is answered or failed (and, with replies, replied to), or the drain timeout passes.</summary>
    private async Task DrainAsync(TimeSpan drain, CancellationToken stoppingToken)
    {
        var deadline = DateTime.UtcNow + drain;
        while ((run.Counters.Outstanding > 0 || (_replies is not null && _replies.Replies < run.Counters.Sent - run.Counters.SendFailed))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(DrainPollInterval, stoppingToken);
        }
    }


    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            if (_sender is not null)
            {
                await _sender.DisposeAsync();
            }
        }
        finally
        {
            if (_replyReceiver is not null)
            {
                await _replyReceiver.DisposeAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "subscribing to the conclusion's replies on {Source}")]
    private partial void LogSubscribingToReplies(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "connecting to the first hop {Target}")]
    private partial void LogConnecting(string target);

    [LoggerMessage(Level = LogLevel.Error, Message = "the run cannot start: {Reason}")]
    private partial void LogFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "sending {Messages} messages in {Passes} pass(es)")]
    private partial void LogStarting(long messages, int passes);

    [LoggerMessage(Level = LogLevel.Information, Message = "repetition {Repetition} (0 = warm-up): {Sent} messages sent")]
    private partial void LogPassSent(int repetition, long sent);

    [LoggerMessage(Level = LogLevel.Information, Message = "run completed: {Sent} sent, {Acknowledged} acknowledged, {SendFailed} failed to send, {Unacknowledged} of unknown fate, {Outstanding} unanswered at the end of the drain")]
    private partial void LogCompleted(long sent, long acknowledged, long sendFailed, long unacknowledged, long outstanding);
}
