using k8s;
using k8s.Models;

namespace MeshAspire.AppHost.Kubernetes.Brokers;

/// <summary>
/// One Kafka node in KRaft mode (broker and controller) in the trigger's cluster. Components in another cluster reach
/// it through its <c>kafka-remote</c> load balancer, on a listener that advertises that address. Kafka's own metrics
/// are JMX, out of the collector's reach: its clients report librdkafka's statistics as their own metrics instead.
/// </summary>
internal sealed class KafkaManifests(PublishPlan plan) : BrokerManifests(plan)
{
    public const string Name = "kafka";
    public const int ClientPort = 9092;
    public const int ControllerPort = 9093;
    public const int RemotePort = 9094;
    private const long User = 1000;

    public override IEnumerable<V1EnvVar> EnvironmentFor(string cluster) => cluster == Plan.HomeCluster
        ? []
        : [EnvVars.Of("ConnectionStrings__kafka", $"{Plan.Options.BrokerAddresses[Plan.HomeCluster]}:{RemotePort}")];

    public override IReadOnlyList<ManifestFile> FilesFor(string cluster)
    {
        if (cluster != Plan.HomeCluster)
        {
            return [];
        }

        var client = ServicePort.Tcp("tcp-kafka", ClientPort);
        var remote = ServicePort.Tcp("tcp-remote", RemotePort);
        var listeners = $"PLAINTEXT://:{ClientPort},CONTROLLER://:{ControllerPort}";
        var advertised = $"PLAINTEXT://{Name}:{ClientPort}";
        var protocols = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT";
        if (Plan.SpansClusters)
        {
            listeners += $",REMOTE://:{RemotePort}";
            advertised += $",REMOTE://{Plan.Options.BrokerAddresses[cluster]}:{RemotePort}";
            protocols += ",REMOTE:PLAINTEXT";
        }

        var ports = Plan.SpansClusters ? new[] { client, remote } : [client];
        var container = new V1Container
        {
            Name = Name,
            Image = ContainerImages.Kafka,
            Env =
            [
                EnvVars.Of("KAFKA_NODE_ID", "1"),
                EnvVars.Of("KAFKA_PROCESS_ROLES", "broker,controller"),
                EnvVars.Of("KAFKA_LISTENERS", listeners),
                EnvVars.Of("KAFKA_ADVERTISED_LISTENERS", advertised),
                EnvVars.Of("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", protocols),
                EnvVars.Of("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
                EnvVars.Of("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT"),
                EnvVars.Of("KAFKA_CONTROLLER_QUORUM_VOTERS", $"1@localhost:{ControllerPort}"),
                EnvVars.Of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
                EnvVars.Of("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1"),
                EnvVars.Of("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"),
                EnvVars.Of("KAFKA_LOG_DIRS", "/var/lib/kafka/data"),
                EnvVars.Of("KAFKA_HEAP_OPTS", "-Xms1g -Xmx1g"),
            ],
            Ports = ports.Select(p => p.ForContainer()).ToList(),
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = client.Name }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = client.Name }, PeriodSeconds = 20, InitialDelaySeconds = 30 },
            Resources = ContainerSecurity.Resources("500m", "1536Mi", "1", "2Gi"),
            VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/var/lib/kafka/data" }],
        };

        var objects = new List<IKubernetesObject>
        {
            BrokerWorkload.Deployment(Plan, Name, cluster, container, User, [ContainerSecurity.EmptyDir("data")], [], metricsPort: null),
            BrokerWorkload.Service(Plan, Name, [client], []),
        };
        if (Plan.SpansClusters)
        {
            objects.Add(BrokerWorkload.RemoteService(Plan, Name, cluster, [remote]));
        }

        return [new ManifestFile("kafka.yaml", objects)];
    }
}
