using k8s.Models;
using MeshAspire.AppHost.Kubernetes;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>grpc-stream publishes as grpc does: a hop port named grpc with appProtocol grpc, which a mesh sees as HTTP/2.</summary>
public sealed class GrpcStreamPublishTests
{
    [Fact]
    public void The_hop_port_is_grpc_with_app_protocol_grpc()
    {
        var path = MeshVariantTests.WithTransport("thesis-constant", "grpc-stream");
        var objects = new PublishCase("t", path).Manifests().All().ToList();

        var hops = objects.OfKind<V1Service>().SelectMany(s => s.Spec.Ports).Where(p => p.Port == 10091).ToList();
        Assert.Equal(3, hops.Count);
        Assert.All(hops, p => Assert.Equal(("grpc", "grpc"), (p.Name, p.AppProtocol)));
    }

    [Fact]
    public void Linkerd_leaves_the_hop_port_to_its_http2_proxying()
    {
        var path = MeshVariantTests.WithTransport("thesis-constant", "grpc-stream");
        var objects = new PublishCase("t", path, "--mesh=linkerd").Manifests().All().ToList();

        Assert.DoesNotContain(objects.OfKind<V1Service>(), s => s.Metadata.Annotations?.ContainsKey(KubernetesLabels.LinkerdOpaquePorts) == true);
        Assert.DoesNotContain(objects.PodTemplates(), t => t.Template.Metadata.Annotations?.ContainsKey(KubernetesLabels.LinkerdOpaquePorts) == true);
    }
}
