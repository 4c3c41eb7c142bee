using k8s.Models;
using MeshAspire.AppHost.Kubernetes;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>Each mesh's labels and annotations are on the pod templates of the workflow and its broker, and nowhere else.</summary>
public sealed class MeshVariantTests
{
    private static readonly string[] Meshed = [KubernetesLabels.TriggerComponent, KubernetesLabels.ActionComponent, KubernetesLabels.ConclusionComponent, KubernetesLabels.BrokerComponent];

    [Theory]
    [InlineData("thesis-constant", "istio", KubernetesLabels.IstioSidecarInject, "true")]
    [InlineData("thesis-constant", "istio-ambient", KubernetesLabels.IstioDataplaneMode, "ambient")]
    [InlineData("thesis-nats-constant", "istio", KubernetesLabels.IstioSidecarInject, "true")]
    [InlineData("thesis-rabbitmq-constant", "istio-ambient", KubernetesLabels.IstioDataplaneMode, "ambient")]
    public void Istio_labels_the_pods_of_the_workflow_and_its_broker_only(string scenario, string mesh, string label, string value)
    {
        var objects = new PublishCase("t", scenario, $"--mesh={mesh}").Manifests().All().ToList();

        foreach (var (kind, name, template) in objects.PodTemplates())
        {
            var meshed = kind == "Deployment" && Meshed.Contains(template.Component());
            Assert.True(meshed == (template.Metadata.Labels.TryGetValue(label, out var actual) && actual == value), $"{kind} {name}");
        }

        Assert.Equal(scenario != "thesis-constant", objects.PodTemplates().Any(t => t.Template.Component() == KubernetesLabels.BrokerComponent && t.Template.Metadata.Labels.ContainsKey(label)));
        AssertNoMeshKeyOutsidePodTemplates(objects, label);
        AssertNoOtherMesh(objects, label);
    }

    [Theory]
    [InlineData("thesis-constant")]
    [InlineData("thesis-nats-constant")]
    public void Linkerd_annotates_the_pods_of_the_workflow_and_its_broker_only(string scenario)
    {
        var objects = new PublishCase("t", scenario, "--mesh=linkerd").Manifests().All().ToList();

        foreach (var (kind, name, template) in objects.PodTemplates())
        {
            var meshed = kind == "Deployment" && Meshed.Contains(template.Component());
            var annotations = template.Metadata.Annotations ?? new Dictionary<string, string>();
            Assert.True(meshed == (annotations.TryGetValue(KubernetesLabels.LinkerdInject, out var actual) && actual == "enabled"), $"{kind} {name}");
        }

        AssertNoMeshKeyOutsidePodTemplates(objects, KubernetesLabels.LinkerdInject);
        AssertNoOtherMesh(objects, KubernetesLabels.LinkerdInject);
    }

    [Fact]
    public void Linkerd_marks_the_nats_client_port_opaque_on_the_broker_and_nothing_else()
    {
        var objects = new PublishCase("t", "thesis-nats-constant", "--mesh=linkerd").Manifests().All().ToList();

        var opaque = Opaque(objects);
        Assert.Equal(["Deployment nats=4222", "Service nats=4222"], opaque);
    }

    [Fact]
    public void Linkerd_marks_the_raw_tcp_hop_ports_opaque_and_not_grpc_ones()
    {
        var tcp = WithTransport("thesis-constant", "tcp");
        var tcpObjects = new PublishCase("t", tcp, "--mesh=linkerd").Manifests().All().ToList();
        var grpcObjects = new PublishCase("t", "thesis-constant", "--mesh=linkerd").Manifests().All().ToList();

        Assert.Equal(
            ["Deployment action01=10091", "Deployment action02=10091", "Deployment conclusion=10091", "Service action01=10091", "Service action02=10091", "Service conclusion=10091"],
            Opaque(tcpObjects));
        Assert.Empty(Opaque(grpcObjects));
    }

    [Fact]
    public void No_mesh_adds_no_mesh_key_anywhere()
    {
        var objects = new PublishCase("t", "thesis-eventmesh-constant", "--mesh=none").Manifests().All().ToList();

        AssertNoOtherMesh(objects, except: null);
    }

    [Theory]
    [InlineData("thesis-constant", "grpc")]
    [InlineData("thesis-constant", "tcp")]
    [InlineData("thesis-nats-constant", null)]
    [InlineData("thesis-rabbitmq-constant", null)]
    [InlineData("thesis-eventmesh-constant", null)]
    public void Every_port_is_named_by_its_protocol_and_carries_it_as_app_protocol(string scenario, string? transport)
    {
        var path = transport is null ? scenario : WithTransport(scenario, transport);
        var objects = new PublishCase("t", path).Manifests().All().ToList();

        var ports = objects.OfKind<V1Service>().SelectMany(s => s.Spec.Ports).ToList();
        Assert.NotEmpty(ports);
        Assert.All(ports, p => Assert.True(p.Name == p.AppProtocol || p.Name.StartsWith(p.AppProtocol + "-", StringComparison.Ordinal), $"{p.Name} / {p.AppProtocol}"));
        if (transport is not null)
        {
            var hops = ports.Where(p => p.Port == 10091).ToList();
            Assert.Equal(3, hops.Count);
            Assert.All(hops, p => Assert.Equal((transport, transport), (p.Name, p.AppProtocol)));
        }
    }

    [Fact]
    public void The_ambient_waypoint_is_a_gateway_the_namespace_uses()
    {
        var objects = new PublishCase("t", "thesis-constant", "--mesh=istio-ambient", "--waypoint").Manifests().All().ToList();

        var waypoint = Assert.Single(objects.OfType<WaypointGateway>());
        Assert.Equal("istio-waypoint", waypoint.Spec.GatewayClassName);
        var ns = Assert.Single(objects.OfKind<V1Namespace>());
        Assert.Equal(WaypointGateway.Name, ns.Metadata.Labels[KubernetesLabels.IstioUseWaypoint]);
    }

    /// <summary>"Kind name=ports" of every object and pod template with Linkerd's opaque-ports annotation.</summary>
    private static List<string> Opaque(List<k8s.IKubernetesObject> objects)
    {
        var services = objects.OfKind<V1Service>()
            .Where(s => s.Metadata.Annotations?.ContainsKey(KubernetesLabels.LinkerdOpaquePorts) == true)
            .Select(s => $"Service {s.Metadata.Name}={s.Metadata.Annotations[KubernetesLabels.LinkerdOpaquePorts]}");
        var pods = objects.PodTemplates()
            .Where(t => t.Template.Metadata.Annotations?.ContainsKey(KubernetesLabels.LinkerdOpaquePorts) == true)
            .Select(t => $"{t.Kind} {t.Name}={t.Template.Metadata.Annotations[KubernetesLabels.LinkerdOpaquePorts]}");
        return services.Concat(pods).Order(StringComparer.Ordinal).ToList();
    }

    private static void AssertNoMeshKeyOutsidePodTemplates(List<k8s.IKubernetesObject> objects, string key)
    {
        foreach (var o in objects.OfType<k8s.IKubernetesObject<V1ObjectMeta>>())
        {
            Assert.False(o.Metadata.Labels?.ContainsKey(key) == true || o.Metadata.Annotations?.ContainsKey(key) == true, $"{o.Metadata.Name} carries {key}");
        }
    }

    private static void AssertNoOtherMesh(List<k8s.IKubernetesObject> objects, string? except)
    {
        string[] keys = [KubernetesLabels.IstioSidecarInject, KubernetesLabels.IstioDataplaneMode, KubernetesLabels.LinkerdInject, KubernetesLabels.LinkerdOpaquePorts, KubernetesLabels.LinkerdExported];
        foreach (var key in keys.Where(k => k != except && !(except == KubernetesLabels.LinkerdInject && k == KubernetesLabels.LinkerdOpaquePorts)))
        {
            AssertNoMeshKeyOutsidePodTemplates(objects, key);
            Assert.DoesNotContain(objects.PodTemplates(), t =>
                t.Template.Metadata.Labels.ContainsKey(key) || t.Template.Metadata.Annotations?.ContainsKey(key) == true);
        }
    }

    /// <summary>A copy of a shipped scenario with <c>transport</c> set, in a temp file.</summary>
    internal static string WithTransport(string scenario, string transport)
    {
        var path = Path.Combine(Path.GetTempPath(), $"meshaspire-{scenario}-{transport}.properties");
        File.WriteAllText(path, $"transport={transport}\n" + File.ReadAllText(PublishCase.ScenarioPath(scenario)));
        return path;
    }
}
