namespace MeshAspire.Workflow.Kubernetes;

/// <summary>
/// The configuration keys that tell the collector which clusters a run spans, shared by the publisher (which writes
/// them into the collector Job's environment) and the collector (which reads them). Every cluster is named as the
/// scenario's <c>placement.cluster</c> names it, and its samples are stored under that name:
/// <list type="bullet">
/// <item><see cref="Cluster"/>: the cluster the collector runs in, read with its service account.</item>
/// <item><see cref="Clusters"/><c>:&lt;name&gt;</c> = a context of the <see cref="Kubeconfig"/>: each other cluster.</item>
/// <item><see cref="Contexts"/><c>:&lt;i&gt;</c> (<c>--context a --context b</c>): a cluster per context, named after it.</item>
/// </list>
/// </summary>
public static class CollectorClusterOptions
{
    /// <summary>
    /// The name of the cluster the collector runs in, read with its service account. When set, the collector must run in
    /// a cluster; when not, that cluster is read (as <c>in-cluster</c>) only if no other cluster is configured.
    /// </summary>
    public const string Cluster = "Collector:Cluster";

    /// <summary>Per cluster reached through the kubeconfig, its name: <c>Collector:Clusters:cluster2=CONTEXT</c>.</summary>
    public const string Clusters = "Collector:Clusters";

    /// <summary>Kubeconfig contexts (<c>--context</c>, repeatable), one cluster each, named after the context.</summary>
    public const string Contexts = "Collector:Contexts";

    /// <summary>The kubeconfig of <see cref="Clusters"/> and <see cref="Contexts"/>; <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, unless set.</summary>
    public const string Kubeconfig = "Collector:Kubeconfig";

    /// <summary>The run's namespace in every cluster; the context's (or the service account's) namespace unless set.</summary>
    public const string Namespace = "Collector:Namespace";

    /// <summary>The key naming the context that reaches <paramref name="cluster"/>.</summary>
    public static string ClusterKey(string cluster) => $"{Clusters}:{cluster}";
}
