using k8s;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>One file of a cluster's directory: its name (with .yaml) and the objects in it, in order.</summary>
public sealed record ManifestFile(string Name, IReadOnlyList<IKubernetesObject> Objects);

/// <summary>A cluster's directory: every file the kustomization lists.</summary>
public sealed record ClusterManifests(string Cluster, IReadOnlyList<ManifestFile> Files);
