using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The configuration the published collector Job gets, beyond <c>Workflow:Scenario</c> and <c>Workflow:RunId</c>; the
/// keys naming its clusters are <see cref="CollectorClusterOptions"/>, which the collector reads.
/// </summary>
public static class CollectorSettings
{
    public const string ResultsPath = "/results";
    public const string ResultsClaim = "collector-results";

    /// <summary>The kubeconfig the user creates for the clusters other than the collector's own (docs/kubernetes.md).</summary>
    public const string KubeconfigSecret = "meshaspire-collector-kubeconfig";
    public const string KubeconfigPath = "/etc/meshaspire/kubeconfig";
    public const string KubeconfigFile = KubeconfigPath + "/config";

    /// <summary>A token Secret the control plane fills for the collector's ServiceAccount in a remote cluster.</summary>
    public const string TokenSecret = "meshaspire-collector-token";

    public const string ServiceAccount = "meshaspire-collector";

    /// <summary>PostgreSQL's connection string, when the run store is PostgreSQL.</summary>
    public const string PostgresConnectionKey = "ConnectionStrings__runstore";
}
