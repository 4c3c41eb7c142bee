using Microsoft.Extensions.Hosting;

namespace MeshAspire.Workflow.Hosting;

public static class LifetimeExtensions
{
    /// <summary>Completes when the application has started (its endpoints answer), or is cancelled with the host.</summary>
    public static Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }
}
