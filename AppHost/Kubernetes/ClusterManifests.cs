namespace MeshAspire.AppHost.Kubernetes;

/// <summary>A cluster's directory: every file the kustomization lists.</summary>
public sealed record ClusterManifests(string Cluster, IReadOnlyList<ManifestFile> Files);
