using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Running;

/// <summary>
/// The receiving side of an action or the conclusion on an async transport: once the application has started,
/// subscribes to the component's topic and feeds the inbound queue. Until it is subscribed the component is not
/// ready (<see cref="TopicSubscriptionHealthCheck"/>), so nothing upstream publishes into a topic nobody reads.
/// </summary>
public sealed partial class TopicSubscription(
    ComponentSetup setup,
    ComponentRun run,
    InboundQueue queue,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<TopicSubscription> logger) : BackgroundService
{
    private readonly TopicIntake _intake = new(queue, setup.Identity.RunId);
    private IHopReceiver? _receiver;
    private volatile bool _subscribed;

    public bool Subscribed => _subscribed;

    public string? Source => _receiver?.Source;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        _receiver = HopReceivers.Create(setup, configuration, _intake, logger);
        LogSubscribing(_receiver.Source);
        try
        {
            await _receiver.StartAsync(stoppingToken);
            _subscribed = true;
            LogSubscribed(_receiver.Source);
        }
        catch (HopUnreachableException error)
        {
            run.Fail(error.Message);
            LogUnreachable(error.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (_intake.Foreign > 0 || _intake.Malformed > 0)
        {
            LogDropped(_intake.Foreign, _intake.Malformed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "subscribing to {Source}")]
    private partial void LogSubscribing(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "subscribed to {Source}")]
    private partial void LogSubscribed(string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "the broker is unreachable; this component receives nothing: {Reason}")]
    private partial void LogUnreachable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "dropped {Foreign} messages of other runs and {Malformed} that were not envelopes")]
    private partial void LogDropped(long foreign, long malformed);
}
