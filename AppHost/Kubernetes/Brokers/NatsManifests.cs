using System.Text;
using k8s;
using k8s.Models;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Kubernetes.Brokers;

/// <summary>
/// nats-server per cluster (JetStream on when the transport is jetstream), its monitoring port declared for the
/// collector; across clusters, NATS gateways join the servers into one super-cluster, each reaching the others at
/// their <c>nats-remote</c> load balancer.
/// </summary>
internal sealed class NatsManifests(PublishPlan plan) : BrokerManifests(plan)
{
    public const string Name = "nats";
    public const int ClientPort = 4222;
    public const int MonitorPort = 8222;
    public const int GatewayPort = 7222;
    private const long User = 1000;

    public override IReadOnlyList<ManifestFile> FilesFor(string cluster)
    {
        var client = ServicePort.Tcp("tcp-client", ClientPort);
        var monitor = ServicePort.Http("http-monitor", MonitorPort);
        var gateway = ServicePort.Tcp("tcp-gateway", GatewayPort);
        var ports = Plan.SpansClusters ? new[] { client, monitor, gateway } : [client, monitor];
        // NATS speaks first: Linkerd must not wait for the client to speak to detect the protocol.
        var opaque = Plan.SpansClusters ? new[] { ClientPort, GatewayPort } : [ClientPort];

        var container = new V1Container
        {
            Name = Name,
            Image = ContainerImages.Nats,
            Args = ["--config", "/etc/nats/nats.conf"],
            Ports = ports.Select(p => p.ForContainer()).ToList(),
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = monitor.Name }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = monitor.Name }, PeriodSeconds = 10 },
            Resources = ContainerSecurity.Resources("250m", "256Mi", "1", "1Gi"),
            SecurityContext = ContainerSecurity.Container(readOnlyRootFilesystem: true),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "config", MountPath = "/etc/nats", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "data", MountPath = "/data" },
            ],
        };

        var objects = new List<IKubernetesObject>
        {
            BrokerWorkload.ConfigMap(Plan, "nats-config", new Dictionary<string, string> { ["nats.conf"] = Configuration(cluster) }),
            BrokerWorkload.Deployment(Plan, Name, cluster, container, User,
                [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "nats-config" } }, ContainerSecurity.EmptyDir("data")],
                opaque, monitor.Name, "/varz"),
            BrokerWorkload.Service(Plan, Name, ports, opaque),
        };
        if (Plan.SpansClusters)
        {
            objects.Add(BrokerWorkload.RemoteService(Plan, Name, cluster, [gateway]));
        }

        return [new ManifestFile("nats.yaml", objects)];
    }

    private string Configuration(string cluster)
    {
        var text = new StringBuilder();
        text.Append($"server_name: nats-{cluster}\n");
        text.Append($"port: {ClientPort}\n");
        text.Append($"http_port: {MonitorPort}\n");
        if (Plan.Transport == TransportKind.JetStream)
        {
            text.Append("jetstream {\n  store_dir: /data\n}\n");
        }

        if (Plan.SpansClusters)
        {
            text.Append($"gateway {{\n  name: {cluster}\n  port: {GatewayPort}\n  gateways: [\n");
            foreach (var (peer, address) in Peers(cluster))
            {
                text.Append($"    {{ name: {peer}, urls: [\"nats://{address}:{GatewayPort}\"] }}\n");
            }

            text.Append("  ]\n}\n");
        }

        return text.ToString();
    }
}
