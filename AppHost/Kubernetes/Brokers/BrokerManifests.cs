using k8s.Models;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Kubernetes.Brokers;

/// <summary>The broker of an async transport: its manifests per cluster and what each component needs to reach it.</summary>
internal abstract class BrokerManifests(PublishPlan plan)
{
    protected PublishPlan Plan { get; } = plan;

    /// <summary>Environment a component in <paramref name="cluster"/> needs beyond the broker's default address.</summary>
    public virtual IEnumerable<V1EnvVar> EnvironmentFor(string cluster) => [];

    public abstract IReadOnlyList<ManifestFile> FilesFor(string cluster);

    /// <summary>The broker for the plan's transport; null for grpc and tcp.</summary>
    public static BrokerManifests? For(PublishPlan plan) => plan.Transport switch
    {
        TransportKind.Nats or TransportKind.JetStream => new NatsManifests(plan),
        TransportKind.RabbitMq => new RabbitMqManifests(plan),
        TransportKind.Kafka => new KafkaManifests(plan),
        TransportKind.EventMesh => new EventMeshManifests(plan),
        _ => null,
    };

    /// <summary>Every topic of the chain (and the reply topic): what a broker that needs its topics made must make.</summary>
    protected IReadOnlyList<string> Topics() =>
        Plan.Scenario.Chain.SelectMany(c => new[] { c.TopicTo, c.TopicFrom })
            .Append(Plan.Scenario.Settings.ReplyTopic)
            .OfType<string>()
            .Distinct()
            .ToList();

    /// <summary>The other clusters' broker addresses, for the bridges between them.</summary>
    protected IEnumerable<(string Cluster, string Address)> Peers(string cluster) =>
        Plan.Clusters.Where(c => c != cluster).Select(c => (c, Plan.Options.BrokerAddresses[c]));
}
