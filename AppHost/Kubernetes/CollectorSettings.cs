namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The configuration the published collector Job gets, beyond <c>Workflow:Scenario</c> and <c>Workflow:RunId</c>.
/// The Kubernetes discovery keys are this publisher's proposal: the collector's discovery reads them.
/// </summary>
public static class CollectorSettings
{
    public const string ResultsPath = "/results";
    public const string ResultsClaim = "collector-results";

    /// <summary>The kubeconfig the user creates for the clusters other than the collector's own (docs/kubernetes.md).</summary>
    public const string KubeconfigSecret = "meshaspire-collector-kubeconfig";
    public const string KubeconfigPath = "/etc/meshaspire/kubeconfig";

    /// <summary>A token Secret the control plane fills for the collector's ServiceAccount in a remote cluster.</summary>
    public const string TokenSecret = "meshaspire-collector-token";

    public const string ServiceAccount = "meshaspire-collector";

    /// <summary>
    /// The collector's own cluster, and per other cluster the context of the collector's kubeconfig that reaches it
    /// (<c>Collector__Kubernetes__Clusters__cluster2=cluster2</c>: the guide names each context after its cluster).
    /// </summary>
    public const string HomeClusterKey = "Collector__Cluster";
    public const string ClusterContextKeyPrefix = "Collector__Kubernetes__Clusters__";
    public const string KubeconfigKey = "Collector__Kubeconfig";
    public const string NamespaceKey = "Collector__Namespace";

    /// <summary>PostgreSQL's connection string, when the run store is PostgreSQL.</summary>
    public const string PostgresConnectionKey = "ConnectionStrings__runstore";
}
