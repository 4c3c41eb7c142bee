using k8s;

namespace MeshAspire.MetricsCollector.Discovery;

/// <summary>
/// One cluster the collector reads: its name (the scenario's <c>placement.cluster</c>, under which its samples are stored),
/// API client and the run's namespace.
/// </summary>
public sealed record KubernetesCluster(string Name, IKubernetes Client, string Namespace);
