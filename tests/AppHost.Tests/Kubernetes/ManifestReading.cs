using k8s;
using k8s.Models;
using MeshAspire.AppHost.Kubernetes;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>Reads manifests back strictly with KubernetesClient's models: a field the model does not know fails.</summary>
public static class ManifestReading
{
    private static readonly Dictionary<string, Type> GatewayApi = new()
    {
        [$"{WaypointGateway.GatewayApiVersion}/{WaypointGateway.GatewayKind}"] = typeof(WaypointGateway),
    };

    public static List<object> ReadStrictly(string yaml) => KubernetesYaml.LoadAllFromString(yaml, GatewayApi, strict: true);

    public static IEnumerable<IKubernetesObject> All(this IReadOnlyList<ClusterManifests> clusters) =>
        clusters.SelectMany(c => c.Files).SelectMany(f => f.Objects);

    public static IEnumerable<IKubernetesObject> In(this IReadOnlyList<ClusterManifests> clusters, string cluster) =>
        clusters.Single(c => c.Cluster == cluster).Files.SelectMany(f => f.Objects);

    public static IEnumerable<T> OfKind<T>(this IEnumerable<IKubernetesObject> objects) => objects.OfType<T>();

    /// <summary>Every pod template with the name of the object that holds it.</summary>
    public static IEnumerable<(string Kind, string Name, V1PodTemplateSpec Template)> PodTemplates(this IEnumerable<IKubernetesObject> objects) =>
        objects.Select(o => o switch
        {
            V1Deployment d => (d.Kind, d.Metadata.Name, d.Spec.Template),
            V1StatefulSet s => (s.Kind, s.Metadata.Name, s.Spec.Template),
            V1Job j => (j.Kind, j.Metadata.Name, j.Spec.Template),
            _ => default,
        }).Where(t => t.Template is not null);

    public static string Component(this V1PodTemplateSpec template) => template.Metadata.Labels[KubernetesLabels.Component];
}
