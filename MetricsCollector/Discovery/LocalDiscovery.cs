using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Discovery;

/// <summary>
/// The targets of a local run: every component's <c>/metrics</c> at the address the app host handed the collector
/// (<see cref="ComponentDirectory"/>) and the run's broker at its metrics endpoint (<see cref="BrokerTarget"/>).
/// </summary>
public static class LocalDiscovery
{
    private const string MetricsPath = "/metrics";

    public static IReadOnlyList<ScrapeTarget> Discover(Scenario scenario, IReadOnlyList<ComponentClient> components, IConfiguration configuration)
    {
        var targets = components
            .Select(component => new ScrapeTarget(
                ScrapeTarget.LocalCluster,
                component.Component.RootName,
                ScrapeKind.Component,
                new Uri(component.BaseAddress, MetricsPath),
                TargetFormat.Prometheus,
                component.Component.RootName,
                component.Component.RootName,
                ResourceSeries.ApplicationRole))
            .ToList();

        if (BrokerTarget.Discover(scenario, configuration) is { } broker)
        {
            var format = broker.Format == BrokerMetricsFormat.NatsMonitoring ? TargetFormat.NatsMonitoring : TargetFormat.Prometheus;
            targets.Add(new ScrapeTarget(
                ScrapeTarget.LocalCluster, broker.Name, ScrapeKind.Broker, broker.Address, format, broker.Name, broker.Name, ResourceSeries.BrokerRole));
        }

        return targets;
    }
}
