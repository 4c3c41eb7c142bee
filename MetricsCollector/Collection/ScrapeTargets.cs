using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>What the collector scrapes in this run: the local run's endpoints, or the pods of every cluster.</summary>
public static class ScrapeTargets
{
    /// <summary>The targets, with a note for a cluster whose pods could not be listed (it is then not scraped).</summary>
    public static async Task<(IReadOnlyList<ScrapeTarget> Targets, IReadOnlyList<string> Notes)> DiscoverAsync(
        Scenario scenario, IReadOnlyList<ComponentClient> components, IReadOnlyList<KubernetesCluster> clusters, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (clusters.Count == 0)
        {
            return (LocalDiscovery.Discover(scenario, components, configuration), []);
        }

        var targets = new List<ScrapeTarget>();
        var notes = new List<string>();
        foreach (var cluster in clusters)
        {
            try
            {
                targets.AddRange(await KubernetesDiscovery.DiscoverAsync(cluster, cancellationToken));
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                notes.Add($"cluster {cluster.Name}: pods in namespace {cluster.Namespace} could not be listed, nothing scraped there ({error.Message})");
            }
        }

        return (targets, notes);
    }
}
