using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Timing;
using Microsoft.Extensions.Hosting;

namespace MeshAspire.Workflow.Running;

/// <summary>
/// The processing loop of an action or the conclusion: takes messages from the inbound queue one at a time,
/// no faster than the component's processing capacity (operation.ops.*), and hands each to <see cref="Process"/>.
/// </summary>
public abstract class InboundProcessor(ComponentSetup setup, InboundQueue queue, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected ComponentSetup Setup { get; } = setup;

    /// <summary>Runs before the loop, once the application has started: connecting to the next hop.</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles one message; <paramref name="startedNanos"/> is when its processing began.</summary>
    protected abstract void Process(in InboundMessage message, long startedNanos);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        await PrepareAsync(stoppingToken);

        var settings = Setup.Scenario.Settings;
        var capacity = new ProcessingCapacity(Setup.Spec.Operations, settings.Duration, settings.Pacing);
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var message))
                {
                    var now = UnixClock.NowNanos();
                    var slot = capacity.NextSlot(now);
                    if (slot > now)
                    {
                        await PreciseDelay.DelayUntilAsync(UnixClock.ToStopwatchTicks(slot), stoppingToken);
                        now = UnixClock.NowNanos();
                    }

                    Process(message, now);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

}
