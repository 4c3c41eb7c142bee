namespace MeshAspire.Workflow.Kubernetes;

/// <summary>
/// Every label and annotation name the published manifests use, in one place shared by the publisher (AppHost) and the
/// collector's pod discovery, so that the labels written are by construction the labels selected (Kubernetes
/// recommended labels for ours; the meshes' own names for injection and multicluster).
/// </summary>
public static class KubernetesLabels
{
    // Kubernetes recommended labels: every object we publish carries them; pods are discovered by them.
    public const string Name = "app.kubernetes.io/name";
    public const string Component = "app.kubernetes.io/component";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    public const string PartOfValue = "meshaspire";
    public const string ManagedByValue = "meshaspire-apphost";

    /// <summary>The label selector the collector lists the run's pods with: every pod we publish carries it.</summary>
    public const string Selector = PartOf + "=" + PartOfValue;

    // app.kubernetes.io/component values.
    public const string TriggerComponent = "trigger";
    public const string ActionComponent = "action";
    public const string ConclusionComponent = "conclusion";
    public const string BrokerComponent = "broker";
    public const string CollectorComponent = "collector";
    public const string DatabaseComponent = "database";

    // Ours, on a pod template: where the collector scrapes it (a port name of the pod) and which cluster it is in.
    public const string MetricsPortAnnotation = "meshaspire.io/metrics-port";
    public const string MetricsPathAnnotation = "meshaspire.io/metrics-path";
    public const string ClusterLabel = "meshaspire.io/cluster";

    // Ours, on a Service stub in a cluster where the workload is not: the cluster it runs in.
    public const string RemoteClusterAnnotation = "meshaspire.io/remote-cluster";

    // Istio.
    public const string IstioSidecarInject = "sidecar.istio.io/inject";
    public const string IstioDataplaneMode = "istio.io/dataplane-mode";
    public const string IstioUseWaypoint = "istio.io/use-waypoint";
    public const string IstioWaypointFor = "istio.io/waypoint-for";

    // Linkerd.
    public const string LinkerdInject = "linkerd.io/inject";
    public const string LinkerdOpaquePorts = "config.linkerd.io/opaque-ports";
    public const string LinkerdExported = "mirror.linkerd.io/exported";

    // Kubernetes: a token Secret filled by the control plane for a ServiceAccount.
    public const string ServiceAccountName = "kubernetes.io/service-account.name";

    // GKE: an internal (VPC) load balancer for a broker's cross-cluster Service.
    public const string GkeLoadBalancerType = "networking.gke.io/load-balancer-type";

    // GKE: an internal load balancer reachable from other regions of the VPC (clusters in two regions).
    public const string GkeInternalGlobalAccess = "networking.gke.io/internal-load-balancer-allow-global-access";
}
