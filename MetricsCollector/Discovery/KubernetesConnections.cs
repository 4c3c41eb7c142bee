using k8s;
using k8s.Exceptions;
using MeshAspire.MetricsCollector.Collection;

namespace MeshAspire.MetricsCollector.Discovery;

/// <summary>
/// The clusters of a Kubernetes run (<see cref="Workflow.Kubernetes.CollectorClusterOptions"/>, the keys the publisher
/// writes): the cluster the collector runs in, read with its service account and named by <c>Collector:Cluster</c>,
/// and every cluster reached through a kubeconfig context, named by <c>Collector:Clusters:&lt;name&gt;=context</c> or
/// after the context (<c>--context cluster1 --context cluster2</c>). With none of them outside a cluster: a local run.
/// </summary>
public static class KubernetesConnections
{
    public const string InClusterDefaultName = "in-cluster";
    public const string DefaultNamespace = "default";

    /// <summary>The clusters, or an error naming the key, flag, file or context that is wrong.</summary>
    public static (IReadOnlyList<KubernetesCluster> Clusters, string? Error) Connect(IConfiguration configuration) =>
        Connect(configuration, ServiceAccountConfiguration);

    /// <param name="configuration">The collector's configuration.</param>
    /// <param name="inCluster">The service account's client configuration when the collector runs in a cluster, else null.</param>
    public static (IReadOnlyList<KubernetesCluster> Clusters, string? Error) Connect(
        IConfiguration configuration, Func<KubernetesClientConfiguration?> inCluster)
    {
        var (remote, remoteError) = KubeconfigClusters(configuration);
        if (remoteError is not null)
        {
            return ([], remoteError);
        }

        var home = configuration[CollectorOptions.Cluster] is { Length: > 0 } named ? named : null;
        var namespaceOverride = configuration[CollectorOptions.Namespace] is { Length: > 0 } ns ? ns : null;
        var clusters = new List<KubernetesCluster>();
        if (home is not null || remote.Count == 0)
        {
            if (home is not null && remote.FirstOrDefault(r => r.Name == home) is { } twice)
            {
                return ([], $"{twice.Key}: cluster '{home}' is also {CollectorOptions.Cluster}, the cluster the collector runs in");
            }

            var (serviceAccount, inClusterError) = ReadInCluster(inCluster, home);
            if (inClusterError is not null || (serviceAccount is null && home is not null))
            {
                return ([], inClusterError);
            }

            if (serviceAccount is not null)
            {
                clusters.Add(new KubernetesCluster(
                    home ?? InClusterDefaultName, new Kubernetes(serviceAccount), namespaceOverride ?? serviceAccount.Namespace ?? DefaultNamespace));
            }
        }

        if (remote.Count == 0)
        {
            return (clusters, null);
        }

        var (reached, kubeconfigError) = FromKubeconfig(configuration[CollectorOptions.Kubeconfig], remote, namespaceOverride);
        return kubeconfigError is null ? ([.. clusters, .. reached], null) : ([], kubeconfigError);
    }

    /// <summary>
    /// The clusters named by <c>Collector:Clusters:&lt;name&gt;</c> (in name order) and by <c>Collector:Contexts</c>
    /// (<c>--context</c>, named after the context, in the order given); a name given twice is an error.
    /// </summary>
    private static (List<KubeconfigCluster>, string?) KubeconfigClusters(IConfiguration configuration)
    {
        var clusters = new List<KubeconfigCluster>();
        foreach (var named in configuration.GetSection(CollectorOptions.Clusters).GetChildren())
        {
            if (string.IsNullOrEmpty(named.Value))
            {
                return ([], $"{named.Path}: no kubeconfig context given for cluster '{named.Key}'");
            }

            clusters.Add(new KubeconfigCluster(named.Key, named.Value, named.Path));
        }

        var contexts = configuration.GetSection(CollectorOptions.Contexts).GetChildren()
            .Select(c => c.Value).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal);
        foreach (var context in contexts)
        {
            var flag = $"{CollectorArguments.ContextFlag} {context}";
            if (clusters.Any(c => c.Name == context))
            {
                return ([], $"{flag}: cluster '{context}' is also {CollectorOptions.Clusters}:{context}");
            }

            clusters.Add(new KubeconfigCluster(context, context, flag));
        }

        return (clusters, null);
    }

    private static (KubernetesClientConfiguration?, string?) ReadInCluster(Func<KubernetesClientConfiguration?> inCluster, string? home)
    {
        try
        {
            return inCluster() is { } serviceAccount
                ? (serviceAccount, null)
                : (null, home is null ? null : $"{CollectorOptions.Cluster}: '{home}' names the cluster the collector runs in, but it runs in none (no service account)");
        }
        catch (KubeConfigException error)
        {
            return (null, $"{CollectorOptions.Cluster}: the service account of the cluster the collector runs in cannot be read: {error.Message}");
        }
    }

    private static (List<KubernetesCluster>, string?) FromKubeconfig(string? kubeconfig, List<KubeconfigCluster> remote, string? namespaceOverride)
    {
        var path = kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator)[0];
        path ??= KubernetesClientConfiguration.KubeConfigDefaultLocation;
        if (!File.Exists(path))
        {
            return ([], $"{CollectorOptions.Kubeconfig}: kubeconfig file '{path}' does not exist");
        }

        var clusters = new List<KubernetesCluster>();
        foreach (var cluster in remote)
        {
            try
            {
                var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: cluster.Context);
                clusters.Add(new KubernetesCluster(cluster.Name, new Kubernetes(config), namespaceOverride ?? config.Namespace ?? DefaultNamespace));
            }
            catch (KubeConfigException error)
            {
                return ([], $"{cluster.Key}: {error.Message} (kubeconfig '{path}')");
            }
        }

        return (clusters, null);
    }

    private static KubernetesClientConfiguration? ServiceAccountConfiguration() =>
        KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig() : null;

    /// <param name="Key">The key or flag that named it, for an error message.</param>
    private sealed record KubeconfigCluster(string Name, string Context, string Key);
}
