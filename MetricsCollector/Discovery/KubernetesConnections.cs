using k8s;
using k8s.Exceptions;
using MeshAspire.MetricsCollector.Collection;

namespace MeshAspire.MetricsCollector.Discovery;

/// <summary>
/// The clusters of a Kubernetes run: one per kubeconfig context named in <c>Collector:Contexts</c>
/// (<c>--context cluster1 --context cluster2</c>), else the cluster the collector runs in (its service account), else
/// none: a local run.
/// </summary>
public static class KubernetesConnections
{
    public const string InClusterDefaultName = "in-cluster";
    public const string DefaultNamespace = "default";

    /// <summary>The clusters, or an error naming the option, file or context that is wrong.</summary>
    public static (IReadOnlyList<KubernetesCluster> Clusters, string? Error) Connect(IConfiguration configuration)
    {
        var contexts = configuration.GetSection(CollectorOptions.Contexts).GetChildren()
            .Select(c => c.Value).OfType<string>().Where(c => c.Length > 0).ToArray();
        var namespaceOverride = configuration[CollectorOptions.Namespace];
        if (contexts.Length > 0)
        {
            return FromKubeconfig(configuration[CollectorOptions.Kubeconfig], contexts, namespaceOverride);
        }

        if (!KubernetesClientConfiguration.IsInCluster())
        {
            return ([], null);
        }

        var inCluster = KubernetesClientConfiguration.InClusterConfig();
        var name = configuration[CollectorOptions.Cluster] ?? InClusterDefaultName;
        return ([new KubernetesCluster(name, new Kubernetes(inCluster), namespaceOverride ?? inCluster.Namespace ?? DefaultNamespace)], null);
    }

    private static (IReadOnlyList<KubernetesCluster>, string?) FromKubeconfig(string? kubeconfig, string[] contexts, string? namespaceOverride)
    {
        var path = kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator)[0];
        path ??= KubernetesClientConfiguration.KubeConfigDefaultLocation;
        if (!File.Exists(path))
        {
            return ([], $"{CollectorOptions.Kubeconfig}: kubeconfig file '{path}' does not exist");
        }

        var clusters = new List<KubernetesCluster>();
        foreach (var context in contexts.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: context);
                clusters.Add(new KubernetesCluster(context, new Kubernetes(config), namespaceOverride ?? config.Namespace ?? DefaultNamespace));
            }
            catch (KubeConfigException error)
            {
                return ([], $"--context {context}: {error.Message} (kubeconfig '{path}')");
            }
        }

        return (clusters, null);
    }
}
