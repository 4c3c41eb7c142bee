using k8s;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>One file of a cluster's directory: its name (with .yaml) and the objects in it, in order.</summary>
public sealed record ManifestFile(string Name, IReadOnlyList<IKubernetesObject> Objects);
