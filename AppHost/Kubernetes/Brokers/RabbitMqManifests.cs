using k8s;
using k8s.Models;

namespace MeshAspire.AppHost.Kubernetes.Brokers;

/// <summary>
/// RabbitMQ per cluster with its Prometheus port declared for the collector. Credentials come from the Secret the
/// user creates (<see cref="CredentialsSecret"/>), never from a manifest. Across clusters, queue federation: each
/// cluster's queues of the chain fetch from the same queues in the other clusters when they have consumers there,
/// set up by a Job over the management API.
/// </summary>
internal sealed class RabbitMqManifests(PublishPlan plan) : BrokerManifests(plan)
{
    public const string Name = "rabbitmq";
    public const string CredentialsSecret = "meshaspire-rabbitmq";
    public const string UsernameKey = "username";
    public const string PasswordKey = "password";
    public const int AmqpPort = 5672;
    public const int ManagementPort = 15672;
    public const int PrometheusPort = 15692;
    private const long User = 999;
    private const long CurlUser = 100;

    public override IEnumerable<V1EnvVar> EnvironmentFor(string cluster) =>
    [
        SecretEnv("RABBITMQ_USERNAME", UsernameKey),
        SecretEnv("RABBITMQ_PASSWORD", PasswordKey),
        // Kubernetes expands $(NAME) from the variables above; the password must be URL-safe (docs/kubernetes.md).
        EnvVars.Of("ConnectionStrings__rabbitmq", $"amqp://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@{Name}:{AmqpPort}"),
    ];

    public override IReadOnlyList<ManifestFile> FilesFor(string cluster)
    {
        var amqp = ServicePort.Tcp("tcp-amqp", AmqpPort);
        var management = ServicePort.Http("http-management", ManagementPort);
        var metrics = ServicePort.Http("http-metrics", PrometheusPort);
        var plugins = Plan.SpansClusters
            ? "[rabbitmq_management,rabbitmq_prometheus,rabbitmq_federation]."
            : "[rabbitmq_management,rabbitmq_prometheus].";

        var container = new V1Container
        {
            Name = Name,
            Image = ContainerImages.RabbitMq,
            Env =
            [
                SecretEnv("RABBITMQ_DEFAULT_USER", UsernameKey),
                SecretEnv("RABBITMQ_DEFAULT_PASS", PasswordKey),
            ],
            Ports = new[] { amqp, management, metrics }.Select(p => p.ForContainer()).ToList(),
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = amqp.Name }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/metrics", Port = metrics.Name }, PeriodSeconds = 20, InitialDelaySeconds = 30 },
            Resources = ContainerSecurity.Resources("500m", "512Mi", "1", "2Gi"),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "plugins", MountPath = "/etc/rabbitmq/enabled_plugins", SubPath = "enabled_plugins", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "data", MountPath = "/var/lib/rabbitmq" },
            ],
        };

        var objects = new List<IKubernetesObject>
        {
            BrokerWorkload.ConfigMap(Plan, "rabbitmq-plugins", new Dictionary<string, string> { ["enabled_plugins"] = plugins }),
            BrokerWorkload.Deployment(Plan, Name, cluster, container, User,
                [new V1Volume { Name = "plugins", ConfigMap = new V1ConfigMapVolumeSource { Name = "rabbitmq-plugins" } }, ContainerSecurity.EmptyDir("data")],
                [], metrics.Name),
            BrokerWorkload.Service(Plan, Name, [amqp, management, metrics], []),
        };
        if (!Plan.SpansClusters)
        {
            return [new ManifestFile("rabbitmq.yaml", objects)];
        }

        objects.Add(BrokerWorkload.RemoteService(Plan, Name, cluster, [amqp]));
        return [new ManifestFile("rabbitmq.yaml", objects), new ManifestFile("rabbitmq-federation.yaml", [FederationJob(cluster)])];
    }

    /// <summary>One upstream per other cluster and a policy federating the chain's queues from all of them.</summary>
    private V1Job FederationJob(string cluster)
    {
        var api = $"http://{Name}:{ManagementPort}/api";
        var script = new List<string>
        {
            "set -eu",
            $"until curl -sf -u \"$RABBITMQ_USERNAME:$RABBITMQ_PASSWORD\" {api}/overview >/dev/null; do sleep 2; done",
        };
        foreach (var (peer, address) in Peers(cluster))
        {
            script.Add($"curl -sf -u \"$RABBITMQ_USERNAME:$RABBITMQ_PASSWORD\" -X PUT -H 'content-type: application/json' "
                + $"{api}/parameters/federation-upstream/%2f/{peer} "
                + $"-d \"{{\\\"value\\\":{{\\\"uri\\\":\\\"amqp://$RABBITMQ_USERNAME:$RABBITMQ_PASSWORD@{address}:{AmqpPort}\\\"}}}}\"");
        }

        var pattern = "^(" + string.Join('|', Topics().Select(EscapeRegex)) + ")$";
        script.Add($"curl -sf -u \"$RABBITMQ_USERNAME:$RABBITMQ_PASSWORD\" -X PUT -H 'content-type: application/json' "
            + $"{api}/policies/%2f/meshaspire-federation "
            + $"-d '{{\"pattern\":\"{pattern}\",\"apply-to\":\"queues\",\"definition\":{{\"federation-upstream-set\":\"all\"}}}}'");

        var container = new V1Container
        {
            Name = "federation",
            Image = ContainerImages.Curl,
            Command = ["sh", "-c", string.Join('\n', script)],
            Env = [SecretEnv("RABBITMQ_USERNAME", UsernameKey), SecretEnv("RABBITMQ_PASSWORD", PasswordKey)],
        };
        return BrokerWorkload.Job(Plan, "rabbitmq-federation", cluster, container, CurlUser);
    }

    private static string EscapeRegex(string topic) =>
        System.Text.RegularExpressions.Regex.Escape(topic).Replace("\\", "\\\\", StringComparison.Ordinal);

    private static V1EnvVar SecretEnv(string name, string key) => EnvVars.Of(name, valueFrom: new V1EnvVarSource
    {
        SecretKeyRef = new V1SecretKeySelector { Name = CredentialsSecret, Key = key },
    });
}
