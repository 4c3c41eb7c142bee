using k8s.Models;
using MeshAspire.Workflow.Kubernetes;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The hops of a sync chain whose next component runs in another cluster, and how the caller reaches it:
/// Istio multi-primary by the same Service name (a stub Service in the caller's cluster, so the name resolves and
/// istiod routes to the remote endpoints); Linkerd multicluster by the mirror Service <c>&lt;service&gt;-&lt;cluster&gt;</c>
/// of the exported Service, given to the caller as the next hop's address.
/// </summary>
internal sealed class RemoteHops(PublishPlan plan)
{
    private readonly IReadOnlyList<(ComponentSpec Caller, ComponentSpec Callee)> _hops = plan.Transport.IsSynchronous()
        ? plan.Scenario.Chain.Zip(plan.Scenario.Chain.Skip(1)).Where(h => plan.ClusterOf(h.First) != plan.ClusterOf(h.Second)).ToList()
        : [];

    /// <summary>Linkerd: the next hop's mirror Service as the caller's service discovery entry (<c>services__next__grpc__0</c>).</summary>
    public IEnumerable<V1EnvVar> AddressFor(ComponentSpec caller)
    {
        if (plan.Mesh != MeshKind.Linkerd)
        {
            yield break;
        }

        foreach (var (_, callee) in _hops.Where(h => h.Caller.RootName == caller.RootName))
        {
            var endpoint = HopAddress.EndpointNameFor(plan.Transport);
            var scheme = plan.Transport == TransportKind.Tcp ? "tcp" : "http";
            var port = caller.PortTo ?? callee.PortFrom;
            yield return EnvVars.Of(
                $"services__{callee.RootName}__{endpoint}__0",
                $"{scheme}://{MirrorName(callee)}:{port}");
        }
    }

    /// <summary>Linkerd: the Service of a component called from another cluster is exported to be mirrored there.</summary>
    public void MarkExported(ComponentSpec component, V1Service service)
    {
        if (plan.Mesh == MeshKind.Linkerd && _hops.Any(h => h.Callee.RootName == component.RootName))
        {
            service.Metadata.Labels[KubernetesLabels.LinkerdExported] = "true";
        }
    }

    /// <summary>Istio (sidecar or ambient): a Service stub for every next hop that runs elsewhere than its caller in <paramref name="cluster"/>.</summary>
    public IReadOnlyList<V1Service> StubsIn(string cluster)
    {
        if (plan.Mesh is not (MeshKind.Istio or MeshKind.IstioAmbient))
        {
            return [];
        }

        return _hops
            .Where(h => plan.ClusterOf(h.Caller) == cluster)
            .Select(h =>
            {
                var stub = ComponentManifests.Service(plan, h.Callee);
                stub.Metadata.Annotations = new Dictionary<string, string>
                {
                    [KubernetesLabels.RemoteClusterAnnotation] = plan.ClusterOf(h.Callee),
                };
                return stub;
            })
            .ToList();
    }

    /// <summary>Linkerd's mirror of an exported Service: its name and the cluster it comes from.</summary>
    private string MirrorName(ComponentSpec callee) => $"{callee.RootName}-{plan.ClusterOf(callee)}";
}
