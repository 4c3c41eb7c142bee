using k8s.Models;
using MeshAspire.AppHost.Kubernetes;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>The thesis's two-cluster runs: trigger and actions in cluster1, the conclusion in cluster2.</summary>
public sealed class TwoClusterTests
{
    private static readonly string[] TwoClusters = PublishCase.TwoClusters.Split(' ');
    private static readonly string[] BrokerAddresses = PublishCase.BrokerAddresses.Split(' ');

    [Theory]
    [InlineData("istio")]
    [InlineData("istio-ambient")]
    public void Istio_reaches_the_remote_conclusion_by_its_own_name_through_a_stub_service(string mesh)
    {
        var clusters = new PublishCase("t", "thesis-constant-two-clusters", [.. TwoClusters, $"--mesh={mesh}"]).Manifests();

        Assert.Equal(["cluster1", "cluster2"], clusters.Select(c => c.Cluster));
        var stub = Assert.Single(clusters.In("cluster1").OfKind<V1Service>(), s => s.Metadata.Name == "conclusion");
        Assert.Equal("cluster2", stub.Metadata.Annotations[KubernetesLabels.RemoteClusterAnnotation]);
        Assert.DoesNotContain(clusters.In("cluster1").OfKind<V1Deployment>(), d => d.Metadata.Name == "conclusion");
        var real = Assert.Single(clusters.In("cluster2").OfKind<V1Service>(), s => s.Metadata.Name == "conclusion");
        Assert.Equal(real.Spec.Ports.Select(p => (p.Name, p.Port)), stub.Spec.Ports.Select(p => (p.Name, p.Port)));
        Assert.Equal(real.Spec.Selector, stub.Spec.Selector);

        // The caller needs no address: the scenario's hostname and port resolve through the stub.
        var caller = Assert.Single(clusters.In("cluster1").OfKind<V1Deployment>(), d => d.Metadata.Name == "action02");
        Assert.DoesNotContain(caller.Spec.Template.Spec.Containers[0].Env, e => e.Name.StartsWith("services__", StringComparison.Ordinal));
    }

    [Fact]
    public void Linkerd_exports_the_remote_conclusion_and_the_caller_addresses_its_mirror()
    {
        var clusters = new PublishCase("t", "thesis-constant-two-clusters", [.. TwoClusters, "--mesh=linkerd"]).Manifests();

        var exported = clusters.All().OfKind<V1Service>().Where(s => s.Metadata.Labels.ContainsKey(KubernetesLabels.LinkerdExported)).ToList();
        var conclusion = Assert.Single(exported);
        Assert.Equal(("conclusion", "true"), (conclusion.Metadata.Name, conclusion.Metadata.Labels[KubernetesLabels.LinkerdExported]));
        Assert.Contains(conclusion, clusters.In("cluster2").OfKind<V1Service>());
        Assert.DoesNotContain(clusters.In("cluster1").OfKind<V1Service>(), s => s.Metadata.Name == "conclusion");

        var caller = Assert.Single(clusters.In("cluster1").OfKind<V1Deployment>(), d => d.Metadata.Name == "action02");
        var address = Assert.Single(caller.Spec.Template.Spec.Containers[0].Env, e => e.Name.StartsWith("services__", StringComparison.Ordinal));
        Assert.Equal(("services__conclusion__grpc__0", "http://conclusion-cluster2:10091"), (address.Name, address.Value));
        var others = clusters.All().OfKind<V1Deployment>().Where(d => d.Metadata.Name != "action02");
        Assert.All(others, d => Assert.DoesNotContain(d.Spec.Template.Spec.Containers[0].Env ?? [], e => e.Name.StartsWith("services__", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_collector_runs_beside_the_trigger_and_every_cluster_grants_it_read_access()
    {
        var clusters = new PublishCase("t", "thesis-constant-two-clusters", [.. TwoClusters, "--mesh=istio"]).Manifests();

        var job = Assert.Single(clusters.All().OfKind<V1Job>());
        Assert.Contains(job, clusters.In("cluster1").OfKind<V1Job>());
        var env = job.Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("cluster1", env["Collector__Cluster"]);
        Assert.Equal("cluster2", env["Collector__Clusters__cluster2"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Collector__Clusters__", StringComparison.Ordinal) && k != "Collector__Clusters__cluster2");
        Assert.Equal("/etc/meshaspire/kubeconfig/config", env["Collector__Kubeconfig"]);
        foreach (var cluster in clusters)
        {
            Assert.Single(cluster.Files.SelectMany(f => f.Objects).OfKind<V1ServiceAccount>());
        }

        var token = Assert.Single(clusters.All().OfKind<V1Secret>());
        Assert.Contains(token, clusters.In("cluster2").OfKind<V1Secret>());
        Assert.Null(token.Data);
        Assert.Null(token.StringData);
    }

    [Fact]
    public void The_collectors_access_is_read_only_and_namespaced_except_nodes()
    {
        var objects = new PublishCase("t", "thesis-constant").Manifests().All().ToList();

        var role = Assert.Single(objects.OfKind<V1Role>());
        Assert.Equal(
            ["/pods,services:get,list", "metrics.k8s.io/pods:get,list"],
            role.Rules.Select(r => $"{string.Join(',', r.ApiGroups)}/{string.Join(',', r.Resources)}:{string.Join(',', r.Verbs)}"));
        var clusterRole = Assert.Single(objects.OfKind<V1ClusterRole>());
        Assert.Equal(
            ["/nodes:get,list", "metrics.k8s.io/nodes:get,list"],
            clusterRole.Rules.Select(r => $"{string.Join(',', r.ApiGroups)}/{string.Join(',', r.Resources)}:{string.Join(',', r.Verbs)}"));
        Assert.Equal(role.Metadata.NamespaceProperty, Assert.Single(objects.OfKind<V1RoleBinding>()).Metadata.NamespaceProperty);
    }

    [Fact]
    public void Nats_joins_the_clusters_with_gateways_at_each_others_reserved_address()
    {
        var scenario = WithConclusionIn("thesis-nats-constant", "cluster2");
        var clusters = new PublishCase("t", scenario, [.. TwoClusters, .. BrokerAddresses]).Manifests();

        var config1 = Assert.Single(clusters.In("cluster1").OfKind<V1ConfigMap>(), c => c.Metadata.Name == "nats-config").Data["nats.conf"];
        var config2 = Assert.Single(clusters.In("cluster2").OfKind<V1ConfigMap>(), c => c.Metadata.Name == "nats-config").Data["nats.conf"];
        Assert.Contains("name: cluster2, urls: [\"nats://10.164.0.50:7222\"]", config1, StringComparison.Ordinal);
        Assert.Contains("name: cluster1, urls: [\"nats://10.132.0.50:7222\"]", config2, StringComparison.Ordinal);
        var remote = Assert.Single(clusters.In("cluster2").OfKind<V1Service>(), s => s.Metadata.Name == "nats-remote");
        Assert.Equal(("LoadBalancer", "10.164.0.50"), (remote.Spec.Type, remote.Spec.LoadBalancerIP));
    }

    [Fact]
    public void Rabbitmq_federates_the_chains_queues_from_the_other_cluster_with_credentials_from_a_secret()
    {
        var scenario = WithConclusionIn("thesis-rabbitmq-constant", "cluster2");
        var clusters = new PublishCase("t", scenario, [.. TwoClusters, .. BrokerAddresses]).Manifests();

        var job = Assert.Single(clusters.In("cluster2").OfKind<V1Job>(), j => j.Metadata.Name == "rabbitmq-federation");
        var script = job.Spec.Template.Spec.Containers[0].Command[^1];
        Assert.Contains("federation-upstream/%2f/cluster1", script, StringComparison.Ordinal);
        Assert.Contains("@10.132.0.50:5672", script, StringComparison.Ordinal);
        Assert.Contains("INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION3", script, StringComparison.Ordinal);
        Assert.All(job.Spec.Template.Spec.Containers[0].Env, e => Assert.Equal(
            ("meshaspire-rabbitmq", null), (e.ValueFrom.SecretKeyRef.Name, e.Value)));
    }

    [Fact]
    public void Eventmesh_brokers_register_with_both_clusters_name_servers()
    {
        var clusters = new PublishCase("t", "thesis-eventmesh-constant-two-clusters", [.. TwoClusters, .. BrokerAddresses]).Manifests();

        var broker1 = Assert.Single(clusters.In("cluster1").OfKind<V1ConfigMap>(), c => c.Metadata.Name == "rocketmq-broker-config").Data["broker.conf"];
        var broker2 = Assert.Single(clusters.In("cluster2").OfKind<V1ConfigMap>(), c => c.Metadata.Name == "rocketmq-broker-config").Data["broker.conf"];
        Assert.Contains("namesrvAddr=rocketmq-namesrv:9876;10.164.0.50:9876\n", broker1, StringComparison.Ordinal);
        Assert.Contains("namesrvAddr=rocketmq-namesrv:9876;10.132.0.50:9876\n", broker2, StringComparison.Ordinal);
        Assert.Contains("brokerName=broker-cluster2\n", broker2, StringComparison.Ordinal);
    }

    [Fact]
    public void Kafka_runs_in_the_triggers_cluster_and_the_other_reaches_it_at_its_remote_listener()
    {
        var scenario = WithConclusionIn(KafkaScenario(), "cluster2");
        var clusters = new PublishCase("t", scenario, [.. TwoClusters, "--broker-address=cluster1=10.132.0.50"]).Manifests();

        Assert.Single(clusters.All().OfKind<V1Deployment>(), d => d.Metadata.Name == "kafka");
        Assert.Contains(clusters.In("cluster1").OfKind<V1Deployment>(), d => d.Metadata.Name == "kafka");
        var conclusion = Assert.Single(clusters.In("cluster2").OfKind<V1Deployment>(), d => d.Metadata.Name == "conclusion");
        Assert.Contains(conclusion.Spec.Template.Spec.Containers[0].Env, e => e.Name == "ConnectionStrings__kafka" && e.Value == "10.132.0.50:9094");
    }

    internal static string WithConclusionIn(string scenario, string cluster)
    {
        var text = File.ReadAllText(PublishCase.ScenarioPath(scenario));
        var path = Path.Combine(Path.GetTempPath(), $"meshaspire-{Path.GetFileNameWithoutExtension(scenario)}-{cluster}.properties");
        File.WriteAllText(path, text.Replace("rootname=conclusion", $"rootname=conclusion\nplacement.cluster={cluster}", StringComparison.Ordinal));
        return path;
    }

    private static string KafkaScenario()
    {
        var path = Path.Combine(Path.GetTempPath(), "meshaspire-kafka.properties");
        File.WriteAllText(path, File.ReadAllText(PublishCase.ScenarioPath("thesis-nats-constant")).Replace("transport=nats", "transport=kafka", StringComparison.Ordinal));
        return path;
    }
}
