using k8s.Models;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.MetricsCollector.Resources;

/// <summary>
/// The metrics API's answers as <see cref="ResourceSeries"/>: per container (component from the pod's
/// <see cref="KubernetesLabels.Name"/>, role from its container and <see cref="KubernetesLabels.Component"/>), and per
/// node. CPU is already in cores (the API's average over its window), memory the working set in bytes. Each sample
/// carries the API's own timestamp: the end of the window it measured.
/// </summary>
public static class KubernetesResourceSamples
{
    private const string Cpu = "cpu";
    private const string Memory = "memory";
    private const string Pod = "pod";

    public static IReadOnlyList<MetricSample> OfPods(PodMetricsList pods)
    {
        var samples = new List<MetricSample>();
        foreach (var pod in pods.Items ?? [])
        {
            var labels = pod.Metadata?.Labels ?? new Dictionary<string, string>();
            var podName = pod.Metadata?.Name ?? "";
            var component = labels.TryGetValue(KubernetesLabels.Name, out var name) ? name : podName;
            var podRole = labels.TryGetValue(KubernetesLabels.Component, out var role) ? role : "";
            foreach (var container in pod.Containers ?? [])
            {
                IReadOnlyList<KeyValuePair<string, string>> series =
                [
                    new(ResourceSeries.Component, component),
                    new(ResourceSeries.Container, container.Name),
                    new(ResourceSeries.Role, KubernetesDiscovery.RoleOf(podRole, container.Name)),
                    new(Pod, podName),
                ];
                Add(samples, container.Usage, series, pod.Timestamp);
            }
        }

        return samples;
    }

    public static IReadOnlyList<MetricSample> OfNodes(NodeMetricsList nodes)
    {
        var samples = new List<MetricSample>();
        foreach (var node in nodes.Items ?? [])
        {
            Add(samples, node.Usage, [new(ResourceSeries.Node, node.Metadata?.Name ?? "")], node.Timestamp);
        }

        return samples;
    }

    private static void Add(
        List<MetricSample> samples, IDictionary<string, ResourceQuantity>? usage, IReadOnlyList<KeyValuePair<string, string>> labels, DateTime? timestamp)
    {
        DateTimeOffset? at = timestamp is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
        if (usage?.TryGetValue(Cpu, out var cpu) == true)
        {
            samples.Add(new MetricSample(ResourceSeries.CpuCores, labels, (double)cpu.ToDecimal(), at));
        }

        if (usage?.TryGetValue(Memory, out var memory) == true)
        {
            samples.Add(new MetricSample(ResourceSeries.MemoryBytes, labels, (double)memory.ToDecimal(), at));
        }
    }
}
