using k8s;
using k8s.Models;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Resources;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.MetricsCollector.Sources;

/// <summary>
/// The Kubernetes metrics API (<c>metrics.k8s.io/v1beta1</c>) of one cluster: every container of the run's pods
/// (sidecars apart from their application), or every node, as <see cref="Storage.ResourceSeries"/>.
/// </summary>
public sealed class KubernetesMetricsSource(IKubernetes client, string @namespace, ScrapeTarget target) : IScrapeSource
{
    private const string Group = "metrics.k8s.io";
    private const string Version = "v1beta1";

    public ScrapeTarget Target { get; } = target;

    public async Task<IReadOnlyList<MetricSample>> ReadAsync(CancellationToken cancellationToken)
    {
        if (Target.Format == TargetFormat.KubernetesNodeMetrics)
        {
            var nodes = await client.CustomObjects.ListClusterCustomObjectAsync<NodeMetricsList>(
                Group, Version, "nodes", cancellationToken: cancellationToken);
            return KubernetesResourceSamples.OfNodes(nodes);
        }

        var pods = await client.CustomObjects.ListNamespacedCustomObjectAsync<PodMetricsList>(
            Group, Version, @namespace, "pods", labelSelector: KubernetesLabels.Selector, cancellationToken: cancellationToken);
        return KubernetesResourceSamples.OfPods(pods);
    }
}
