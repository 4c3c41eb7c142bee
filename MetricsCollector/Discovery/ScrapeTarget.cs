using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Discovery;

/// <summary>How a target serves its metrics.</summary>
public enum TargetFormat
{
    /// <summary>Prometheus text 0.0.4 or OpenMetrics, as the response's Content-Type says.</summary>
    Prometheus,

    /// <summary>A NATS server's monitoring JSON (<c>/varz</c>, <c>/connz</c>, <c>/jsz</c>), converted to samples.</summary>
    NatsMonitoring,

    /// <summary><c>metrics.k8s.io/v1beta1</c> pod metrics of the run's namespace: every container's CPU and memory.</summary>
    KubernetesPodMetrics,

    /// <summary><c>metrics.k8s.io/v1beta1</c> node metrics.</summary>
    KubernetesNodeMetrics,
}

/// <summary>
/// One thing the collector scrapes, as it discovered it (never from a request): where, in which format, and what it
/// is, so that its scrapes and the resource usage read from them carry the right component, container and role.
/// </summary>
/// <param name="Cluster">The <see cref="KubernetesCluster"/>'s name, or <c>local</c>.</param>
/// <param name="Name">Unique within the cluster: <c>action01</c>, <c>action01/istio-proxy</c>, <c>nats</c>, <c>containers</c>.</param>
/// <param name="Component">The component's rootname or the broker's name.</param>
/// <param name="Container">The container (Kubernetes) or process (local) the metrics come from.</param>
/// <param name="Role">One of the <see cref="ResourceSeries"/> role values.</param>
public sealed record ScrapeTarget(
    string Cluster,
    string Name,
    ScrapeKind Kind,
    Uri Address,
    TargetFormat Format,
    string Component,
    string Container,
    string Role)
{
    public const string LocalCluster = "local";

    public override string ToString() => $"{Cluster}/{Name} ({Address})";
}
