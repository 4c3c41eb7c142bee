using k8s;
using k8s.Models;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.MetricsCollector.Discovery;

/// <summary>
/// The targets in one cluster: the run's pods (<see cref="KubernetesLabels.Selector"/> in its namespace) through the
/// API server, and per pod the workflow container's <c>/metrics</c>, an Istio sidecar's <c>:15090/stats/prometheus</c>,
/// a linkerd-proxy's <c>:4191/metrics</c>, or the broker's metrics; plus the metrics API's pods and nodes.
/// </summary>
public static class KubernetesDiscovery
{
    public const string IstioProxy = "istio-proxy";
    public const string LinkerdProxy = "linkerd-proxy";
    public const string ContainersTarget = "containers";
    public const string NodesTarget = "nodes";

    private const string HttpPortName = "http";
    private const string MetricsPortName = "metrics";

    public static async Task<IReadOnlyList<ScrapeTarget>> DiscoverAsync(KubernetesCluster cluster, CancellationToken cancellationToken)
    {
        var pods = await cluster.Client.CoreV1.ListNamespacedPodAsync(
            cluster.Namespace, labelSelector: KubernetesLabels.Selector, cancellationToken: cancellationToken);
        var api = cluster.Client.BaseUri.AbsoluteUri.TrimEnd('/');
        return
        [
            .. TargetsOf(cluster.Name, pods.Items),
            new ScrapeTarget(cluster.Name, ContainersTarget, ScrapeKind.Resources,
                new Uri($"{api}/apis/metrics.k8s.io/v1beta1/namespaces/{cluster.Namespace}/pods"),
                TargetFormat.KubernetesPodMetrics, ContainersTarget, ContainersTarget, ResourceSeries.ApplicationRole),
            new ScrapeTarget(cluster.Name, NodesTarget, ScrapeKind.Nodes,
                new Uri($"{api}/apis/metrics.k8s.io/v1beta1/nodes"),
                TargetFormat.KubernetesNodeMetrics, NodesTarget, NodesTarget, ResourceSeries.ApplicationRole),
        ];
    }

    /// <summary>The scrape targets of running pods with an address; a pod that is pending or going away has none.</summary>
    public static IReadOnlyList<ScrapeTarget> TargetsOf(string cluster, IEnumerable<V1Pod> pods)
    {
        var targets = new List<ScrapeTarget>();
        foreach (var pod in pods.Where(IsScrapable).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var labels = pod.Metadata.Labels ?? new Dictionary<string, string>();
            var name = labels.TryGetValue(KubernetesLabels.Name, out var n) ? n : pod.Metadata.Name;
            var role = labels.TryGetValue(KubernetesLabels.Component, out var r) ? r : "";
            var unique = targets.Any(t => t.Component == name) ? $"{name}@{pod.Metadata.Name}" : name;
            targets.AddRange(TargetsOf(cluster, pod, unique, name, role));
        }

        return targets;
    }

    /// <summary>Whether a container is a mesh's sidecar proxy rather than the application or the broker.</summary>
    public static bool IsSidecar(string container) => container is IstioProxy or LinkerdProxy;

    /// <summary>The series role of a container of a pod with the given <see cref="KubernetesLabels.Component"/>.</summary>
    public static string RoleOf(string podComponent, string container) =>
        IsSidecar(container) ? ResourceSeries.SidecarRole
        : podComponent switch
        {
            KubernetesLabels.BrokerComponent => ResourceSeries.BrokerRole,
            KubernetesLabels.CollectorComponent => ResourceSeries.CollectorRole,
            _ => ResourceSeries.ApplicationRole,
        };

    private static IEnumerable<ScrapeTarget> TargetsOf(string cluster, V1Pod pod, string target, string component, string role)
    {
        var containers = (pod.Spec.Containers ?? []).Concat(pod.Spec.InitContainers ?? []).ToArray();
        var main = containers.FirstOrDefault(c => c.Name == component)
                   ?? containers.FirstOrDefault(c => !IsSidecar(c.Name) && pod.Spec.Containers?.Contains(c) == true);
        switch (role)
        {
            case KubernetesLabels.TriggerComponent or KubernetesLabels.ActionComponent or KubernetesLabels.ConclusionComponent when main is not null:
                var http = PortNamed(main, HttpPortName) ?? WorkflowOptions.DefaultHttpPort;
                yield return new ScrapeTarget(cluster, target, ScrapeKind.Component, Address(pod, http, "/metrics"),
                    TargetFormat.Prometheus, component, main.Name, ResourceSeries.ApplicationRole);
                break;
            case KubernetesLabels.BrokerComponent when main is not null && BrokerMetrics(component) is { } broker:
                var port = PortNamed(main, MetricsPortName) ?? broker.Port;
                yield return new ScrapeTarget(cluster, target, ScrapeKind.Broker, Address(pod, port, broker.Path),
                    broker.Format, component, main.Name, ResourceSeries.BrokerRole);
                break;
        }

        foreach (var sidecar in containers.Where(c => IsSidecar(c.Name)))
        {
            var (port, path) = sidecar.Name == IstioProxy ? (15090, "/stats/prometheus") : (4191, "/metrics");
            yield return new ScrapeTarget(cluster, $"{target}/{sidecar.Name}", ScrapeKind.Sidecar, Address(pod, port, path),
                TargetFormat.Prometheus, component, sidecar.Name, ResourceSeries.SidecarRole);
        }
    }

    /// <summary>Where each broker serves its metrics (the thesis's registry, Code 5-35, plus NATS and RabbitMQ).</summary>
    private static (int Port, string Path, TargetFormat Format)? BrokerMetrics(string broker) => broker switch
    {
        "nats" => (8222, "/", TargetFormat.NatsMonitoring),
        "rabbitmq" => (15692, "/metrics", TargetFormat.Prometheus),
        "eventmesh" => (19090, "/metrics", TargetFormat.Prometheus),
        "rocketmq-exporter" => (5557, "/metrics", TargetFormat.Prometheus),
        _ => null,
    };

    private static bool IsScrapable(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase == "Running"
        && !string.IsNullOrEmpty(pod.Status.PodIP);

    private static int? PortNamed(V1Container container, string name) =>
        container.Ports?.FirstOrDefault(p => p.Name == name)?.ContainerPort;

    private static Uri Address(V1Pod pod, int port, string path) =>
        new UriBuilder(Uri.UriSchemeHttp, pod.Status.PodIP, port, path).Uri;
}
