using System.Diagnostics;
using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Chain.Tests;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.MetricsCollector.Tests.Discovery;

/// <summary>
/// The collector given exactly the settings the Kubernetes publisher writes into its Job (the golden manifests): the
/// home cluster read in-cluster, the other through the kubeconfig mounted from a Secret, both under the names the
/// scenario's <c>placement.cluster</c> uses. The API servers are <see cref="KubernetesApiStandIn"/>; the in-cluster
/// service account is stood in by the client configuration KubernetesClient's <c>InClusterConfig()</c> would give
/// (it reads environment variables and files of a pod, and wants HTTPS).
/// </summary>
public sealed class PublishedClustersTests : IAsyncLifetime
{
    private const string PublishedKubeconfig = "/etc/meshaspire/kubeconfig/config";

    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-published-").FullName;
    private KubernetesApiStandIn _api = null!;

    public static TheoryData<string> TwoClusterCases => new(TwoClusterCaseNames);

    public static TheoryData<string> OneClusterCases => new(OneClusterCaseNames);

    private static IEnumerable<string> TwoClusterCaseNames => PublishedCollectorJob.Cases().Where(c => PublishedCollectorJob.Read(c).PlacedClusters.Count > 1);

    private static IEnumerable<string> OneClusterCaseNames => PublishedCollectorJob.Cases().Where(c => PublishedCollectorJob.Read(c).PlacedClusters.Count <= 1);

    public async Task InitializeAsync() => _api = await KubernetesApiStandIn.StartAsync();

    [Fact]
    public void Every_golden_case_is_read_and_the_thesis_two_cluster_runs_are_among_them()
    {
        Assert.Contains("thesis-constant-two-clusters-istio", TwoClusterCaseNames);
        Assert.Contains("thesis-eventmesh-constant-two-clusters", TwoClusterCaseNames);
        Assert.Contains("thesis-constant-istio", OneClusterCaseNames);
    }

    [Theory]
    [MemberData(nameof(TwoClusterCases))]
    public async Task A_published_two_cluster_job_reads_its_own_cluster_in_cluster_and_the_other_through_its_kubeconfig(string goldenCase)
    {
        var job = PublishedCollectorJob.Read(goldenCase);
        Assert.Equal(["cluster1", "cluster2"], job.PlacedClusters);
        Assert.Equal(PublishedKubeconfig, job.Environment["Collector__Kubeconfig"]);
        // The Secret the guide makes: one context, named after the cluster it reaches.
        var kubeconfig = _api.WriteKubeconfig(Path.Combine(_folder, "config"), ("cluster2", "cluster2"));

        var (clusters, error) = KubernetesConnections.Connect(
            job.Configuration(new Dictionary<string, string?> { [CollectorOptions.Kubeconfig] = kubeconfig }),
            () => _api.ServiceAccount(job.HomeCluster));

        Assert.Null(error);
        Assert.Equal(job.PlacedClusters, clusters.Select(c => c.Name));
        Assert.All(clusters, c => Assert.Equal(KubernetesApiStandIn.Namespace, c.Namespace));
        var targets = new List<ScrapeTarget>();
        foreach (var cluster in clusters)
        {
            targets.AddRange(await KubernetesDiscovery.DiscoverAsync(cluster, CancellationToken.None));
        }

        Assert.Equal(
            [
                "cluster1 /api/v1/namespaces/meshaspire/pods app.kubernetes.io/part-of=meshaspire",
                "cluster2 /api/v1/namespaces/meshaspire/pods app.kubernetes.io/part-of=meshaspire",
            ],
            _api.Requests);
        Assert.Equal(
            ["cluster1/action01", "cluster1/nats", "cluster1/trigger", "cluster2/action02", "cluster2/conclusion"],
            targets.Where(t => t.Kind is ScrapeKind.Component or ScrapeKind.Broker).Select(t => $"{t.Cluster}/{t.Name}"));
    }

    [Theory]
    [MemberData(nameof(OneClusterCases))]
    public void A_published_one_cluster_job_reads_its_cluster_in_cluster_under_its_published_name(string goldenCase)
    {
        var job = PublishedCollectorJob.Read(goldenCase);
        Assert.DoesNotContain(job.Environment.Keys, k => k.StartsWith("Collector__Clusters__", StringComparison.Ordinal) || k == "Collector__Kubeconfig");

        var (clusters, error) = KubernetesConnections.Connect(job.Configuration(), () => _api.ServiceAccount(job.HomeCluster));

        Assert.Null(error);
        var cluster = Assert.Single(clusters);
        Assert.Equal(job.HomeCluster, cluster.Name);
        Assert.Equal(job.Scenario.Chain.Select(c => c.Cluster ?? job.HomeCluster).Distinct(), [cluster.Name]);
    }

    [Fact]
    public void A_kubeconfig_secret_without_the_other_clusters_context_is_named_by_its_key()
    {
        var job = PublishedCollectorJob.Read("thesis-constant-two-clusters-istio");
        var kubeconfig = _api.WriteKubeconfig(Path.Combine(_folder, "config"), ("cluster2", "gke_meshaspire_europe-west4-a_cluster2"));

        var (clusters, error) = KubernetesConnections.Connect(
            job.Configuration(new Dictionary<string, string?> { [CollectorOptions.Kubeconfig] = kubeconfig }),
            () => _api.ServiceAccount("cluster1"));

        Assert.Empty(clusters);
        Assert.StartsWith("Collector:Clusters:cluster2: ", error, StringComparison.Ordinal);
        Assert.Contains("cluster2", error![("Collector:Clusters:cluster2: ".Length)..], StringComparison.Ordinal);
        Assert.EndsWith($"(kubeconfig '{kubeconfig}')", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubeconfig_secret_not_created_is_named_by_its_key_and_path()
    {
        var job = PublishedCollectorJob.Read("thesis-constant-two-clusters-linkerd");

        var (clusters, error) = KubernetesConnections.Connect(job.Configuration(), () => _api.ServiceAccount("cluster1"));

        Assert.Empty(clusters);
        Assert.Equal($"Collector:Kubeconfig: kubeconfig file '{PublishedKubeconfig}' does not exist", error);
    }

    [Fact]
    public void A_clusters_context_may_be_named_otherwise_and_the_cluster_keeps_the_scenarios_name()
    {
        var kubeconfig = _api.WriteKubeconfig(
            Path.Combine(_folder, "config"), ("cluster1", "gke_meshaspire_europe-west1-b_cluster1"), ("cluster2", "gke_meshaspire_europe-west4-a_cluster2"));
        var configuration = new ConfigurationBuilder().AddCommandLine(CollectorArguments.Translate(
        [
            "--Collector:Clusters:cluster1=gke_meshaspire_europe-west1-b_cluster1",
            "--Collector:Clusters:cluster2=gke_meshaspire_europe-west4-a_cluster2",
            $"--Collector:Kubeconfig={kubeconfig}",
        ])).Build();

        var (clusters, error) = KubernetesConnections.Connect(configuration, () => null);

        Assert.Null(error);
        Assert.Equal(["cluster1", "cluster2"], clusters.Select(c => c.Name));
    }

    [Fact]
    public void A_home_cluster_outside_any_cluster_is_named_by_its_key()
    {
        var job = PublishedCollectorJob.Read("thesis-constant-istio");

        var (clusters, error) = KubernetesConnections.Connect(job.Configuration(), () => null);

        Assert.Empty(clusters);
        Assert.Equal("Collector:Cluster: 'cluster1' names the cluster the collector runs in, but it runs in none (no service account)", error);
    }

    [Fact]
    public void A_cluster_named_both_home_and_remote_is_named_by_its_key()
    {
        var job = PublishedCollectorJob.Read("thesis-constant-two-clusters-istio");
        var kubeconfig = _api.WriteKubeconfig(Path.Combine(_folder, "config"), ("cluster1", "cluster1"), ("cluster2", "cluster2"));

        var (clusters, error) = KubernetesConnections.Connect(
            job.Configuration(new Dictionary<string, string?> { [CollectorOptions.Kubeconfig] = kubeconfig, ["Collector:Clusters:cluster1"] = "cluster1" }),
            () => _api.ServiceAccount("cluster1"));

        Assert.Empty(clusters);
        Assert.Equal("Collector:Clusters:cluster1: cluster 'cluster1' is also Collector:Cluster, the cluster the collector runs in", error);
    }

    /// <summary>The collector's executable with the published Job's environment, run outside a cluster: exit 2, one line.</summary>
    [Fact]
    public async Task The_collector_given_the_published_environment_outside_a_cluster_exits_2_naming_the_key()
    {
        var job = PublishedCollectorJob.Read("thesis-constant-two-clusters-istio");
        var scenario = Path.Combine(_folder, "scenario.properties");
        var mounted = new Dictionary<string, string>
        {
            ["Workflow__Scenario"] = scenario,
            ["Collector__Results"] = Path.Combine(_folder, "results"),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["KUBERNETES_SERVICE_HOST"] = "",
            ["KUBERNETES_SERVICE_PORT"] = "",
        };
        await File.WriteAllTextAsync(scenario, job.ScenarioProperties);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MetricsCollector.dll"));
        foreach (var (name, value) in job.Environment.Concat(mounted))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Equal(
            "Collector:Cluster: 'cluster1' names the cluster the collector runs in, but it runs in none (no service account)",
            (await error).Trim());
        Assert.DoesNotContain("Exception", await output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
