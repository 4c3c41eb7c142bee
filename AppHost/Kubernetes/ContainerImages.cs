namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The images the manifests run. Ours are what <c>dotnet publish /t:PublishContainer</c> makes of each project
/// (its <c>ContainerRepository</c>); the brokers' are their projects' official images.
/// </summary>
public static class ContainerImages
{
    public const string Trigger = "meshaspire-trigger";
    public const string Action = "meshaspire-action";
    public const string Conclusion = "meshaspire-conclusion";
    public const string Collector = "meshaspire-collector";

    public const string Nats = "nats:2.10-alpine";
    public const string RabbitMq = "rabbitmq:4.1-management";
    public const string Kafka = "apache/kafka:3.9.1";
    public const string RocketMq = "apache/rocketmq:5.3.1";
    public const string EventMesh = "apache/eventmesh:v1.12.0";
    public const string Postgres = "postgres:17-alpine";
    public const string Curl = "curlimages/curl:8.11.1";

    /// <summary>Apache publishes the RocketMQ exporter as source only: the user builds and pushes it beside ours (docs/kubernetes.md).</summary>
    public const string RocketMqExporter = "rocketmq-exporter:0.0.2";

    public static string Ours(KubernetesPublishOptions options, string repository) => InRegistry(options, $"{repository}:{options.Tag}");

    /// <summary>An image the user builds and pushes to the registry (<c>--registry</c>) with its own tag.</summary>
    public static string InRegistry(KubernetesPublishOptions options, string image) =>
        options.Registry.Length == 0 ? image : $"{options.Registry}/{image}";
}
