using k8s.Models;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>Names, labels and selectors every published object shares.</summary>
internal static class ManifestMetadata
{
    public static Dictionary<string, string> Labels(string name, string component) => new()
    {
        [KubernetesLabels.Name] = name,
        [KubernetesLabels.Component] = component,
        [KubernetesLabels.PartOf] = KubernetesLabels.PartOfValue,
        [KubernetesLabels.ManagedBy] = KubernetesLabels.ManagedByValue,
    };

    /// <summary>What a Service and a Deployment select their pods by.</summary>
    public static Dictionary<string, string> Selector(string name) => new()
    {
        [KubernetesLabels.Name] = name,
        [KubernetesLabels.PartOf] = KubernetesLabels.PartOfValue,
    };

    public static V1ObjectMeta Meta(string name, string component, string @namespace) =>
        new() { Name = name, NamespaceProperty = @namespace, Labels = Labels(name, component) };

    public static V1ObjectMeta ClusterMeta(string name, string component) =>
        new() { Name = name, Labels = Labels(name, component) };

    /// <summary>A pod template's labels: the selector's, the component's and the cluster it runs in.</summary>
    public static V1ObjectMeta PodMeta(string name, string component, string cluster)
    {
        var labels = Labels(name, component);
        labels[KubernetesLabels.ClusterLabel] = cluster;
        return new V1ObjectMeta { Labels = labels };
    }

    public static V1ObjectMeta WithMetrics(this V1ObjectMeta meta, string portName, string path)
    {
        meta.Annotations ??= new Dictionary<string, string>();
        meta.Annotations[KubernetesLabels.MetricsPortAnnotation] = portName;
        meta.Annotations[KubernetesLabels.MetricsPathAnnotation] = path;
        return meta;
    }
}
