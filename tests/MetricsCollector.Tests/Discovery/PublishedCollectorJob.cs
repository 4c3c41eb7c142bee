using k8s;
using k8s.Models;
using MeshAspire.Workflow.Scenarios;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.MetricsCollector.Tests.Discovery;

/// <summary>
/// The collector Job the Kubernetes publisher writes for one of its golden cases (tests/AppHost.Tests/Kubernetes/Golden,
/// copied beside the tests as PublishedManifests): its container's environment as the collector's configuration
/// reads it, and the scenario its ConfigMap mounts.
/// </summary>
internal sealed class PublishedCollectorJob
{
    private PublishedCollectorJob(string homeCluster, IReadOnlyDictionary<string, string> environment, string scenarioProperties, Scenario scenario)
    {
        HomeCluster = homeCluster;
        Environment = environment;
        ScenarioProperties = scenarioProperties;
        Scenario = scenario;
    }

    /// <summary>The cluster folder the Job was published in.</summary>
    public string HomeCluster { get; }

    /// <summary>The container's environment variables with a literal value (not those from a Secret or ConfigMap).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The scenario file the ConfigMap mounts.</summary>
    public string ScenarioProperties { get; }

    public Scenario Scenario { get; }

    /// <summary>The clusters the scenario places its components in, in order of first placement.</summary>
    public IReadOnlyList<string> PlacedClusters => Scenario.Chain.Select(c => c.Cluster).OfType<string>().Distinct().ToArray();

    public static IEnumerable<string> Cases() =>
        Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "PublishedManifests")).Select(Path.GetFileName).OfType<string>().Order();

    public static PublishedCollectorJob Read(string goldenCase)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "PublishedManifests", goldenCase);
        var home = Assert.Single(Directory.GetDirectories(folder), cluster => File.Exists(Path.Combine(cluster, "collector.yaml")));
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(home, "collector.yaml")), strict: true);
        var container = Assert.Single(Assert.Single(objects.OfType<V1Job>()).Spec.Template.Spec.Containers);
        var environment = container.Env.Where(e => e.Value is not null).ToDictionary(e => e.Name, e => e.Value);

        var configMap = Assert.Single(KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(home, "scenario.yaml")), strict: true).OfType<V1ConfigMap>());
        var properties = configMap.Data["scenario.properties"];
        var parsed = ScenarioParser.ParseText(properties, $"{goldenCase}/scenario.yaml");
        Assert.True(parsed.Succeeded, string.Join(System.Environment.NewLine, parsed.Errors));
        return new PublishedCollectorJob(Path.GetFileName(home), environment, properties, parsed.Scenario!);
    }

    /// <summary>
    /// The configuration the collector reads from this environment (<c>__</c> is <c>:</c>, as the environment variables
    /// provider reads it), with <paramref name="mounted"/> laid over it where a test stands in for a mounted file.
    /// </summary>
    public IConfiguration Configuration(IReadOnlyDictionary<string, string?>? mounted = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)e.Value)))
            .AddInMemoryCollection(mounted ?? new Dictionary<string, string?>())
            .Build();
}
