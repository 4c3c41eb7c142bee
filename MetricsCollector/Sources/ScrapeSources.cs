using MeshAspire.MetricsCollector.Discovery;

namespace MeshAspire.MetricsCollector.Sources;

/// <summary>The source that reads a target in its format; Kubernetes targets through their cluster's API client.</summary>
public static class ScrapeSources
{
    public static IScrapeSource For(ScrapeTarget target, HttpClient http, IReadOnlyList<KubernetesCluster> clusters) => target.Format switch
    {
        TargetFormat.NatsMonitoring => new NatsEndpointSource(http, target),
        TargetFormat.KubernetesPodMetrics or TargetFormat.KubernetesNodeMetrics =>
            clusters.FirstOrDefault(c => c.Name == target.Cluster) is { } cluster
                ? new KubernetesMetricsSource(cluster.Client, cluster.Namespace, target)
                : throw new ArgumentException($"no cluster named {target.Cluster} for {target}", nameof(target)),
        _ => new PrometheusEndpointSource(http, target),
    };
}
