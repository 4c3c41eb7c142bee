using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Sources;
using MeshAspire.MetricsCollector.Storage;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.MetricsCollector.Tests.Discovery;

/// <summary>
/// Discovery and resource usage in two clusters, through KubernetesClient against recorded API responses served by
/// <see cref="KubernetesApiStandIn"/> (no cluster runs here), with a kubeconfig of two contexts.
/// </summary>
public sealed class KubernetesDiscoveryTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-k8s-").FullName;
    private KubernetesApiStandIn _api = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _api = await KubernetesApiStandIn.StartAsync();
        _kubeconfig = _api.WriteKubeconfig(_folder);
    }

    [Fact]
    public void Each_context_named_is_one_cluster_in_its_namespace()
    {
        var (clusters, error) = Connect("cluster1", "cluster2");

        Assert.Null(error);
        Assert.Equal(["cluster1", "cluster2"], clusters.Select(c => c.Name));
        Assert.All(clusters, c => Assert.Equal(KubernetesApiStandIn.Namespace, c.Namespace));
        Assert.All(clusters, c => Assert.Equal(_api.Address.Authority, c.Client.BaseUri.Authority));
    }

    [Fact]
    public async Task Pods_are_listed_by_the_runs_label_and_give_their_application_sidecar_and_broker_targets()
    {
        var (clusters, _) = Connect("cluster1");

        var targets = await KubernetesDiscovery.DiscoverAsync(clusters[0], CancellationToken.None);

        Assert.Equal(["cluster1 /api/v1/namespaces/meshaspire/pods app.kubernetes.io/part-of=meshaspire"], _api.Requests);
        Assert.Equal(
            [
                "action01 Component http://10.8.1.7:8080/metrics Prometheus action01 action01 application",
                "action01/istio-proxy Sidecar http://10.8.1.7:15090/stats/prometheus Prometheus action01 istio-proxy sidecar",
                "nats Broker http://10.8.0.9:8222/ NatsMonitoring nats nats broker",
                "trigger Component http://10.8.0.12:8080/metrics Prometheus trigger trigger application",
                "trigger/istio-proxy Sidecar http://10.8.0.12:15090/stats/prometheus Prometheus trigger istio-proxy sidecar",
                "containers Resources http://127.0.0.1:PORT/apis/metrics.k8s.io/v1beta1/namespaces/meshaspire/pods KubernetesPodMetrics containers containers application",
                "nodes Nodes http://127.0.0.1:PORT/apis/metrics.k8s.io/v1beta1/nodes KubernetesNodeMetrics nodes nodes application",
            ],
            targets.Select(Describe));
        Assert.All(targets, t => Assert.Equal("cluster1", t.Cluster));
    }

    [Fact]
    public async Task Linkerd_proxies_are_scraped_on_their_admin_port_and_ipv6_pods_by_bracketed_address()
    {
        var (clusters, _) = Connect("cluster2");

        var targets = await KubernetesDiscovery.DiscoverAsync(clusters[0], CancellationToken.None);

        Assert.Equal(
            [
                "action02 Component http://10.24.0.17:8081/metrics Prometheus action02 action02 application",
                "action02/linkerd-proxy Sidecar http://10.24.0.17:4191/metrics Prometheus action02 linkerd-proxy sidecar",
                "conclusion Component http://[fd00:10:24::1b]:8080/metrics Prometheus conclusion conclusion application",
                "conclusion/linkerd-proxy Sidecar http://[fd00:10:24::1b]:4191/metrics Prometheus conclusion linkerd-proxy sidecar",
            ],
            targets.Where(t => t.Kind is ScrapeKind.Component or ScrapeKind.Sidecar).Select(Describe));
    }

    [Fact]
    public async Task The_metrics_api_gives_every_container_of_the_runs_pods_in_cores_and_bytes_sidecars_apart()
    {
        var (clusters, _) = Connect("cluster1", "cluster2");
        var samples = new List<(string Cluster, MetricSample Sample)>();
        foreach (var cluster in clusters)
        {
            var targets = await KubernetesDiscovery.DiscoverAsync(cluster, CancellationToken.None);
            var containers = ScrapeSources.For(targets.Single(t => t.Kind == ScrapeKind.Resources), new HttpClient(), clusters);
            samples.AddRange((await containers.ReadAsync(CancellationToken.None)).Select(s => (cluster.Name, s)));
        }

        Assert.Contains("cluster1 /apis/metrics.k8s.io/v1beta1/namespaces/meshaspire/pods app.kubernetes.io/part-of=meshaspire", _api.Requests);
        Assert.Equal(0.187254331, Cpu(samples, "trigger", "trigger"), 9);
        Assert.Equal(0.041875220, Cpu(samples, "trigger", "istio-proxy"), 9);
        Assert.Equal(0.095, Cpu(samples, "action01", "action01"), 9);
        Assert.Equal(0.121, Cpu(samples, "conclusion", "conclusion"), 9);
        Assert.Equal(81288.0 * 1024, Memory(samples, "action01", "action01"));
        Assert.Equal(23.0 * 1024 * 1024, Memory(samples, "nats", "nats"));
        Assert.Equal(9876.0 * 1024, Memory(samples, "action02", "linkerd-proxy"));
        Assert.Equal(
            [
                "cluster1 action01 action01 application", "cluster1 action01 istio-proxy sidecar", "cluster1 collector collector collector",
                "cluster1 nats nats broker", "cluster1 trigger istio-proxy sidecar", "cluster1 trigger trigger application",
                "cluster2 action02 action02 application", "cluster2 action02 linkerd-proxy sidecar",
                "cluster2 conclusion conclusion application", "cluster2 conclusion linkerd-proxy sidecar",
            ],
            samples.Where(s => s.Sample.Name == ResourceSeries.CpuCores)
                .Select(s => $"{s.Cluster} {s.Sample.Label(ResourceSeries.Component)} {s.Sample.Label(ResourceSeries.Container)} {s.Sample.Label(ResourceSeries.Role)}")
                .Order(StringComparer.Ordinal));
        var trigger = samples.First(s => s.Sample.Label(ResourceSeries.Component) == "trigger").Sample;
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T01:39:58Z"), trigger.Timestamp);
    }

    [Fact]
    public async Task The_metrics_api_gives_every_node()
    {
        var (clusters, _) = Connect("cluster1");
        var targets = await KubernetesDiscovery.DiscoverAsync(clusters[0], CancellationToken.None);
        var nodes = ScrapeSources.For(targets.Single(t => t.Kind == ScrapeKind.Nodes), new HttpClient(), clusters);

        var samples = await nodes.ReadAsync(CancellationToken.None);

        var node = "gke-meshaspire-1-default-pool-3f6c2a1b-m2pd";
        Assert.Equal(0.256, samples.Single(s => s.Name == ResourceSeries.CpuCores && s.Label(ResourceSeries.Node) == node).Value, 9);
        Assert.Equal(2312.0 * 1024 * 1024, samples.Single(s => s.Name == ResourceSeries.MemoryBytes && s.Label(ResourceSeries.Node) == node).Value);
        Assert.Equal(4, samples.Count);
    }

    [Fact]
    public async Task A_cluster_that_refuses_the_collector_is_a_failed_scrape_with_the_apis_answer()
    {
        var (clusters, _) = Connect("cluster1");
        var target = (await KubernetesDiscovery.DiscoverAsync(clusters[0], CancellationToken.None)).Single(t => t.Kind == ScrapeKind.Nodes);
        var unauthorized = new KubernetesCluster("cluster1", new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = _api.Address.AbsoluteUri }), "meshaspire");
        var scrapes = new List<Scrape>();
        using var meters = new TestMeterFactory();
        using var metrics = new CollectorMetrics(meters);
        var loop = new ScrapeLoop(
            [ScrapeSources.For(target, new HttpClient(), [unauthorized])],
            (round, _) => { scrapes.AddRange(round); return Task.CompletedTask; },
            new ScrapeLoopSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), LocalResources: false),
            metrics,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await loop.RoundAsync(CancellationToken.None);

        var failed = Assert.Single(scrapes);
        Assert.StartsWith("401 Unauthorized", failed.Failure, StringComparison.Ordinal);
        Assert.Empty(failed.Samples);
        Assert.Contains("cluster1/nodes", Assert.Single(loop.Tally.Notes()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_the_kubeconfig_lacks_is_named_in_the_error()
    {
        var (clusters, error) = Connect("cluster1", "cluster3");

        Assert.Empty(clusters);
        Assert.StartsWith("--context cluster3: ", error, StringComparison.Ordinal);
        Assert.Contains(_kubeconfig, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_kubeconfig_is_named_in_the_error()
    {
        var missing = Path.Combine(_folder, "no-such-kubeconfig");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{CollectorOptions.Contexts}:0"] = "cluster1",
            [CollectorOptions.Kubeconfig] = missing,
        }).Build();

        var (clusters, error) = KubernetesConnections.Connect(configuration);

        Assert.Empty(clusters);
        Assert.Equal($"{CollectorOptions.Kubeconfig}: kubeconfig file '{missing}' does not exist", error);
    }

    [Fact]
    public void Without_contexts_outside_a_cluster_the_run_is_local()
    {
        var (clusters, error) = KubernetesConnections.Connect(new ConfigurationBuilder().Build());

        Assert.Empty(clusters);
        Assert.Null(error);
    }

    [Fact]
    public void Repeated_context_flags_become_the_contexts_list()
    {
        var args = CollectorArguments.Translate(["--context", "cluster1", "--context=cluster2", "--Collector:Namespace", "bench"]);
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();

        Assert.Equal(["cluster1", "cluster2"], configuration.GetSection(CollectorOptions.Contexts).GetChildren().Select(c => c.Value));
        Assert.Equal("bench", configuration[CollectorOptions.Namespace]);
    }

    private (IReadOnlyList<KubernetesCluster> Clusters, string? Error) Connect(params string[] contexts)
    {
        var settings = contexts.Select((context, i) => KeyValuePair.Create($"{CollectorOptions.Contexts}:{i}", (string?)context))
            .Append(KeyValuePair.Create(CollectorOptions.Kubeconfig, (string?)_kubeconfig));
        return KubernetesConnections.Connect(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    private string Describe(ScrapeTarget t) =>
        $"{t.Name} {t.Kind} {t.Address.AbsoluteUri.Replace(_api.Address.Authority, "127.0.0.1:PORT", StringComparison.Ordinal)} {t.Format} {t.Component} {t.Container} {t.Role}";

    private static double Cpu(List<(string Cluster, MetricSample Sample)> samples, string component, string container) =>
        Value(samples, ResourceSeries.CpuCores, component, container);

    private static double Memory(List<(string Cluster, MetricSample Sample)> samples, string component, string container) =>
        Value(samples, ResourceSeries.MemoryBytes, component, container);

    private static double Value(List<(string Cluster, MetricSample Sample)> samples, string name, string component, string container) =>
        samples.Single(s => s.Sample.Name == name && s.Sample.Label(ResourceSeries.Component) == component && s.Sample.Label(ResourceSeries.Container) == container).Sample.Value;

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
