using k8s.Models;
using MeshAspire.Workflow.Kubernetes;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// What puts a pod in the mesh: Istio's sidecar label, Istio ambient's dataplane label, Linkerd's annotation, on the
/// pod templates of the workflow and its brokers only (the collector, its jobs and PostgreSQL stay outside: a sidecar
/// would keep a Job from completing and would be measured as the application's).
/// </summary>
internal static class MeshInjection
{
    /// <param name="opaquePorts">Ports Linkerd must not sniff for a protocol: raw TCP and server-speaks-first (NATS).</param>
    public static void Apply(V1PodTemplateSpec template, MeshKind mesh, IReadOnlyList<int> opaquePorts)
    {
        var meta = template.Metadata;
        switch (mesh)
        {
            case MeshKind.Istio:
                meta.Labels[KubernetesLabels.IstioSidecarInject] = "true";
                break;
            case MeshKind.IstioAmbient:
                meta.Labels[KubernetesLabels.IstioDataplaneMode] = "ambient";
                break;
            case MeshKind.Linkerd:
                meta.Annotations ??= new Dictionary<string, string>();
                meta.Annotations[KubernetesLabels.LinkerdInject] = "enabled";
                if (opaquePorts.Count > 0)
                {
                    meta.Annotations[KubernetesLabels.LinkerdOpaquePorts] = OpaquePorts(opaquePorts);
                }

                break;
        }
    }

    /// <summary>Linkerd reads opaque ports from the Service too (for its clients): only with linkerd.</summary>
    public static void ApplyToService(V1Service service, MeshKind mesh, IReadOnlyList<int> opaquePorts)
    {
        if (mesh != MeshKind.Linkerd || opaquePorts.Count == 0)
        {
            return;
        }

        service.Metadata.Annotations ??= new Dictionary<string, string>();
        service.Metadata.Annotations[KubernetesLabels.LinkerdOpaquePorts] = OpaquePorts(opaquePorts);
    }

    private static string OpaquePorts(IReadOnlyList<int> ports) => string.Join(',', ports.Order());
}
