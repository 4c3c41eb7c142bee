using k8s;
using k8s.Models;
using MeshAspire.AppHost.Kubernetes.Brokers;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>The whole publish in memory: per cluster, the files its kustomization lists.</summary>
public static class KubernetesPublisher
{
    public static IReadOnlyList<ClusterManifests> Build(PublishPlan plan)
    {
        var remoteHops = new RemoteHops(plan);
        var broker = BrokerManifests.For(plan);
        return plan.Clusters.Select(cluster => new ClusterManifests(cluster, Files(plan, cluster, remoteHops, broker))).ToList();
    }

    private static List<ManifestFile> Files(PublishPlan plan, string cluster, RemoteHops remoteHops, BrokerManifests? broker)
    {
        var files = new List<ManifestFile>
        {
            new("namespace.yaml", [Namespace(plan)]),
            new("scenario.yaml", [ScenarioConfigMap(plan)]),
        };
        if (plan.Options.Waypoint)
        {
            files.Add(new ManifestFile("waypoint.yaml", [WaypointGateway.For(plan.Options.Namespace)]));
        }

        if (broker is not null)
        {
            files.AddRange(broker.FilesFor(cluster));
        }

        files.AddRange(plan.ComponentsIn(cluster).Select(c => new ManifestFile($"{c.RootName}.yaml", ComponentManifests.For(plan, c, remoteHops, broker))));
        var stubs = remoteHops.StubsIn(cluster);
        if (stubs.Count > 0)
        {
            files.Add(new ManifestFile("remote-services.yaml", stubs));
        }

        files.Add(new ManifestFile("collector-rbac.yaml", CollectorManifests.Rbac(plan, cluster)));
        if (cluster == plan.HomeCluster)
        {
            if (plan.Options.PostgresStorage is { } storage)
            {
                files.Add(new ManifestFile("postgres.yaml", PostgresManifests.For(plan, storage)));
            }

            files.Add(new ManifestFile("collector.yaml", CollectorManifests.Job(plan)));
        }

        return files;
    }

    private static V1Namespace Namespace(PublishPlan plan)
    {
        var meta = new V1ObjectMeta
        {
            Name = plan.Options.Namespace,
            Labels = new Dictionary<string, string>
            {
                [KubernetesLabels.PartOf] = KubernetesLabels.PartOfValue,
                [KubernetesLabels.ManagedBy] = KubernetesLabels.ManagedByValue,
            },
        };
        if (plan.Options.Waypoint)
        {
            meta.Labels[KubernetesLabels.IstioUseWaypoint] = WaypointGateway.Name;
        }

        return new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = meta };
    }

    private static V1ConfigMap ScenarioConfigMap(PublishPlan plan) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = ManifestMetadata.Meta(ComponentManifests.ScenarioConfigMap, "scenario", plan.Options.Namespace),
        Data = new Dictionary<string, string>
        {
            [ComponentManifests.ScenarioKey] = plan.ScenarioText,
            [ComponentManifests.RunIdKey] = plan.RunId,
        },
    };
}
