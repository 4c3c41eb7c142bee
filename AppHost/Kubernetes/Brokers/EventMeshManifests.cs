using k8s;
using k8s.Models;

namespace MeshAspire.AppHost.Kubernetes.Brokers;

/// <summary>
/// The thesis's event mesh stack per cluster (chapter 5.3, 5.4): a RocketMQ name server, a RocketMQ broker with its
/// memory settings, the EventMesh runtime with its properties in a ConfigMap, and a Job that creates the chain's
/// topics (the thesis ran <c>mqadmin updateTopic</c> from a console pod), and RocketMQ's Prometheus exporter. Across clusters every broker registers with
/// every cluster's name server, the remote ones at their <c>rocketmq-namesrv-remote</c> load balancer, as the thesis did.
/// </summary>
internal sealed class EventMeshManifests(PublishPlan plan) : BrokerManifests(plan)
{
    public const string NameServer = "rocketmq-namesrv";
    public const string Broker = "rocketmq-broker";
    public const string Runtime = "eventmesh";
    public const int NameServerPort = 9876;
    public const int BrokerPort = 10911;
    public const int GrpcPort = 10205;
    public const int HttpPort = 10105;
    public const int TcpPort = 10000;
    public const int MetricsPort = 19090;
    public const string Exporter = "rocketmq-exporter";
    public const int ExporterPort = 5557;

    /// <summary>The thesis's broker heap (Code 5-10) and requests and limits (Code 5-11).</summary>
    public const string BrokerMemory = "-Xms2g -Xmx2g";

    private const long RocketMqUser = 3000;
    private const long EventMeshUser = 1000;

    public override IReadOnlyList<ManifestFile> FilesFor(string cluster) =>
    [
        new ManifestFile("rocketmq.yaml", [.. NameServerObjects(cluster), .. BrokerObjects(cluster), .. ExporterObjects(cluster)]),
        new ManifestFile("eventmesh.yaml", RuntimeObjects(cluster)),
        new ManifestFile("rocketmq-topics.yaml", [TopicsJob(cluster)]),
    ];

    private IEnumerable<IKubernetesObject> NameServerObjects(string cluster)
    {
        var main = ServicePort.Tcp("tcp-namesrv", NameServerPort);
        var container = new V1Container
        {
            Name = NameServer,
            Image = ContainerImages.RocketMq,
            Command = ["sh", "mqnamesrv"],
            Ports = [main.ForContainer()],
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = main.Name }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = main.Name }, PeriodSeconds = 20, InitialDelaySeconds = 30 },
            Resources = ContainerSecurity.Resources("250m", "512Mi", "500m", "1Gi"),
            VolumeMounts = [new V1VolumeMount { Name = "logs", MountPath = "/home/rocketmq/logs" }],
        };
        yield return BrokerWorkload.Deployment(Plan, NameServer, cluster, container, RocketMqUser, [ContainerSecurity.EmptyDir("logs")], [], metricsPort: null);
        yield return BrokerWorkload.Service(Plan, NameServer, [main], []);
        if (Plan.SpansClusters)
        {
            yield return BrokerWorkload.RemoteService(Plan, NameServer, cluster, [main]);
        }
    }

    private IEnumerable<IKubernetesObject> BrokerObjects(string cluster)
    {
        var main = ServicePort.Tcp("tcp-broker", BrokerPort);
        var nameServers = Peers(cluster).Select(p => $"{p.Address}:{NameServerPort}").Prepend($"{NameServer}:{NameServerPort}");
        var configuration = string.Join('\n',
            "brokerClusterName=DefaultCluster",
            $"brokerName=broker-{cluster}",
            "brokerId=0",
            $"namesrvAddr={string.Join(';', nameServers)}",
            "flushDiskType=ASYNC_FLUSH",
            "brokerRole=ASYNC_MASTER",
            "autoCreateTopicEnable=false",
            "storePathRootDir=/home/rocketmq/store",
            "") ;
        yield return BrokerWorkload.ConfigMap(Plan, "rocketmq-broker-config", new Dictionary<string, string>
        {
            ["BROKER_MEM"] = BrokerMemory,
            ["broker.conf"] = configuration,
        });

        var container = new V1Container
        {
            Name = Broker,
            Image = ContainerImages.RocketMq,
            Command = ["sh", "mqbroker", "-c", "/home/rocketmq/conf/broker.conf"],
            Env =
            [
                // The official image's runbroker.sh adds JAVA_OPT_EXT to the JVM's options.
                EnvVars.Of("JAVA_OPT_EXT", valueFrom: new V1EnvVarSource
                {
                    ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "rocketmq-broker-config", Key = "BROKER_MEM" },
                }),
            ],
            Ports = [main.ForContainer()],
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = main.Name }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = main.Name }, PeriodSeconds = 20, InitialDelaySeconds = 60 },
            Resources = ContainerSecurity.Resources("250m", "2Gi", "500m", "4Gi"),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "logs", MountPath = "/home/rocketmq/logs" },
                new V1VolumeMount { Name = "store", MountPath = "/home/rocketmq/store" },
                new V1VolumeMount { Name = "config", MountPath = "/home/rocketmq/conf/broker.conf", SubPath = "broker.conf", ReadOnlyProperty = true },
            ],
        };
        yield return BrokerWorkload.Deployment(Plan, Broker, cluster, container, RocketMqUser,
            [
                ContainerSecurity.EmptyDir("logs"),
                ContainerSecurity.EmptyDir("store"),
                new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "rocketmq-broker-config" } },
            ],
            [], metricsPort: null);
        yield return BrokerWorkload.Service(Plan, Broker, [main], []);
    }

    /// <summary>RocketMQ's Prometheus exporter (its metrics come from the name server's view of the brokers).</summary>
    private IEnumerable<IKubernetesObject> ExporterObjects(string cluster)
    {
        var metrics = ServicePort.Http("http-metrics", ExporterPort);
        var container = new V1Container
        {
            Name = Exporter,
            Image = ContainerImages.InRegistry(Plan.Options, ContainerImages.RocketMqExporter),
            Args = [$"--rocketmq.config.namesrvAddr={NameServer}:{NameServerPort}", $"--server.port={ExporterPort}"],
            Env = [EnvVars.Of("JAVA_OPTS", "-Xms256m -Xmx256m")],
            Ports = [metrics.ForContainer()],
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/metrics", Port = metrics.Name }, PeriodSeconds = 10, InitialDelaySeconds = 20 },
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/metrics", Port = metrics.Name }, PeriodSeconds = 20, InitialDelaySeconds = 60 },
            Resources = ContainerSecurity.Resources("100m", "256Mi", "500m", "512Mi"),
            VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        };
        yield return BrokerWorkload.Deployment(Plan, Exporter, cluster, container, RocketMqUser, [ContainerSecurity.EmptyDir("tmp")], [], metrics.Name);
        yield return BrokerWorkload.Service(Plan, Exporter, [metrics], []);
    }

    private IReadOnlyList<IKubernetesObject> RuntimeObjects(string cluster)
    {
        var grpc = ServicePort.Grpc("grpc", GrpcPort);
        var http = ServicePort.Http("http", HttpPort);
        var tcp = ServicePort.Tcp("tcp", TcpPort);
        var metrics = ServicePort.Http("http-metrics", MetricsPort);
        var ports = new[] { grpc, http, tcp, metrics };
        var properties = string.Join('\n',
            "eventMesh.server.idc=DEFAULT",
            "eventMesh.server.env=PRD",
            "eventMesh.server.cluster=COMMON",
            $"eventMesh.server.name=EVENTMESH-runtime-{cluster}",
            "eventMesh.sysid=0000",
            $"eventMesh.server.http.port={HttpPort}",
            $"eventMesh.server.grpc.port={GrpcPort}",
            "eventMesh.server.tcp.enabled=true",
            $"eventMesh.server.tcp.port={TcpPort}",
            "eventMesh.server.tcp.readerIdleSeconds=120",
            "eventMesh.server.tcp.writerIdleSeconds=120",
            "eventMesh.server.tcp.allIdleSeconds=120",
            "eventMesh.server.tcp.clientMaxNum=10000",
            "eventMesh.server.tcp.pushFailIsolateTimeInMills=30000",
            "eventMesh.server.tcp.RebalanceIntervalInMills=30000",
            "eventMesh.server.session.expiredInMills=60000",
            "eventMesh.server.tcp.msgReqnumPerSecond=15000",
            "eventMesh.server.session.upstreamBufferSize=20",
            "eventMesh.storage.plugin.type=rocketmq",
            "eventMesh.server.metrics.enabled=true",
            "eventMesh.metrics.plugin=prometheus",
            $"eventMesh.metrics.prometheus.port={MetricsPort}",
            "");

        var container = new V1Container
        {
            Name = Runtime,
            Image = ContainerImages.EventMesh,
            Ports = ports.Select(p => p.ForContainer()).ToList(),
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = grpc.Name }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = grpc.Name }, PeriodSeconds = 20, InitialDelaySeconds = 60 },
            Resources = ContainerSecurity.Resources("500m", "1Gi", "1", "2Gi"),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "config", MountPath = "/data/app/eventmesh/conf/eventmesh.properties", SubPath = "eventmesh.properties", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "config", MountPath = "/data/app/eventmesh/conf/rocketmq-client.properties", SubPath = "rocketmq-client.properties", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "logs", MountPath = "/data/app/eventmesh/logs" },
            ],
        };

        return
        [
            BrokerWorkload.ConfigMap(Plan, "eventmesh-config", new Dictionary<string, string>
            {
                ["eventmesh.properties"] = properties,
                // EventMesh needs only its own cluster's name server (thesis 5.4.2).
                ["rocketmq-client.properties"] = $"eventMesh.server.rocketmq.namesrvAddr={NameServer}:{NameServerPort}\n",
            }),
            BrokerWorkload.Deployment(Plan, Runtime, cluster, container, EventMeshUser,
                [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "eventmesh-config" } }, ContainerSecurity.EmptyDir("logs")],
                [], metrics.Name),
            BrokerWorkload.Service(Plan, Runtime, ports, []),
        ];
    }

    /// <summary>Every topic of the chain on every broker of the cluster, once the name server answers.</summary>
    private V1Job TopicsJob(string cluster)
    {
        var script = new List<string>
        {
            "set -eu",
            $"until sh mqadmin clusterList -n {NameServer}:{NameServerPort} | grep -q broker-{cluster}; do sleep 2; done",
        };
        script.AddRange(Topics().Select(topic => $"sh mqadmin updateTopic -c DefaultCluster -t '{topic}' -n {NameServer}:{NameServerPort}"));
        var container = new V1Container
        {
            Name = "topics",
            Image = ContainerImages.RocketMq,
            Command = ["sh", "-c", string.Join('\n', script)],
            Env = [EnvVars.Of("JAVA_OPT_EXT", "-Xms128m -Xmx256m")],
            SecurityContext = ContainerSecurity.Container(readOnlyRootFilesystem: false),
        };
        return BrokerWorkload.Job(Plan, "rocketmq-topics", cluster, container, RocketMqUser);
    }
}
