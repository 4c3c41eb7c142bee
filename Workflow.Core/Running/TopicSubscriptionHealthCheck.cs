using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeshAspire.Workflow.Running;

/// <summary>Ready once the component is subscribed to its topic.</summary>
public sealed class TopicSubscriptionHealthCheck(TopicSubscription subscription) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(subscription.Subscribed
            ? HealthCheckResult.Healthy($"subscribed to {subscription.Source}")
            : HealthCheckResult.Unhealthy("not yet subscribed to its topic"));
}
