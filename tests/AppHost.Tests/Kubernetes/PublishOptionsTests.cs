using MeshAspire.AppHost.Kubernetes;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>A bad publish option or placement is refused with a message naming it, before anything is made.</summary>
public sealed class PublishOptionsTests
{
    [Fact]
    public void The_publish_flags_are_taken_out_and_the_rest_is_left_for_aspire()
    {
        var (options, rest, errors) = KubernetesPublishOptions.Parse(
            ["--operation", "publish", "--mesh", "linkerd", "--registry=europe-docker.pkg.dev/p/images/", "--tag", "1.2.3", "--namespace", "bench",
             "--cluster", "cluster1=gke_a", "--postgres=20Gi", "--output-path", "out"]);

        Assert.Empty(errors);
        Assert.Equal(["--operation", "publish", "--output-path", "out"], rest);
        Assert.Equal(MeshKind.Linkerd, options.Mesh);
        Assert.Equal("europe-docker.pkg.dev/p/images", options.Registry);
        Assert.Equal(("1.2.3", "bench", "20Gi"), (options.Tag, options.Namespace, options.PostgresStorage));
        Assert.Equal([new ClusterContext("cluster1", "gke_a")], options.Clusters);
        Assert.Equal("europe-docker.pkg.dev/p/images/meshaspire-action:1.2.3", ContainerImages.Ours(options, ContainerImages.Action));
    }

    [Theory]
    [InlineData("--mesh=consul", "--mesh 'consul' is not a mesh: none, istio, istio-ambient or linkerd")]
    [InlineData("--tag=v1 beta", "--tag 'v1 beta' is not an image tag")]
    [InlineData("--tag=.hidden", "--tag '.hidden' is not an image tag")]
    [InlineData("--registry=Registry Host", "--registry 'Registry Host' is not an image registry")]
    [InlineData("--namespace=Bench_1", "--namespace 'Bench_1' is not a Kubernetes namespace name")]
    [InlineData("--cluster=cluster1", "--cluster 'cluster1' is not NAME=CONTEXT")]
    [InlineData("--broker-address=cluster1=10.0.0.1 2", "--broker-address 'cluster1=10.0.0.1 2' is not CLUSTER=HOST")]
    [InlineData("--postgres=lots", "--postgres=lots is not a volume size")]
    [InlineData("--mesh", "--mesh needs a value: --mesh none|istio|istio-ambient|linkerd")]
    [InlineData("--waypoint=yes", "--waypoint takes no value")]
    public void A_bad_flag_is_named_with_what_was_expected(string argument, string message)
    {
        var (_, _, errors) = KubernetesPublishOptions.Parse([argument]);

        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_placement_naming_a_third_cluster_with_no_context_is_refused_naming_file_line_and_cluster()
    {
        var scenario = TwoClusterTests.WithConclusionIn("thesis-constant", "cluster3");

        var (plan, errors) = new PublishCase("t", scenario, [.. PublishCase.TwoClusters.Split(' '), "--mesh=istio"]).TryPlan();

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.StartsWith($"{scenario}:", error, StringComparison.Ordinal);
        Assert.Contains("placement.cluster 'cluster3' of conclusion names a cluster with no context: add --cluster cluster3=CONTEXT (given: cluster1, cluster2)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_clusters_without_contexts_are_refused()
    {
        var (plan, errors) = new PublishCase("t", "thesis-constant-two-clusters", "--mesh=istio").TryPlan();

        Assert.Null(plan);
        Assert.Contains(errors, e => e.Contains("needs --cluster NAME=CONTEXT for each", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sync_chain_across_clusters_without_a_mesh_is_refused()
    {
        var (plan, errors) = new PublishCase("t", "thesis-constant-two-clusters", [.. PublishCase.TwoClusters.Split(' '), "--mesh=none"]).TryPlan();

        Assert.Null(plan);
        Assert.Contains(errors, e => e.Contains("needs a mesh that spans them", StringComparison.Ordinal));
    }

    [Fact]
    public void An_event_mesh_across_clusters_needs_each_clusters_broker_address()
    {
        var (plan, errors) = new PublishCase("t", "thesis-eventmesh-constant-two-clusters", [.. PublishCase.TwoClusters.Split(' '), "--broker-address=cluster1=10.0.0.5"]).TryPlan();

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Contains(
            "transport 'eventmesh' spans clusters cluster1, cluster2: give the address the other clusters reach the broker in 'cluster2' at: --broker-address cluster2=IP",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_waypoint_without_ambient_mode_is_refused()
    {
        var (plan, errors) = new PublishCase("t", "thesis-constant", "--waypoint").TryPlan();

        Assert.Null(plan);
        Assert.Contains(errors, e => e.StartsWith("--waypoint needs the istio-ambient mesh", StringComparison.Ordinal));
    }

    [Fact]
    public void The_mesh_flag_is_written_into_the_scenario_the_components_read()
    {
        var plan = new PublishCase("t", "thesis-constant", "--mesh=linkerd").Plan();

        var reparsed = ScenarioParser.ParseText(plan.ScenarioText, "published.properties");
        Assert.True(reparsed.Succeeded, string.Join("\n", reparsed.Errors));
        Assert.Equal(MeshKind.Linkerd, reparsed.Scenario!.Settings.Mesh);
    }
}
