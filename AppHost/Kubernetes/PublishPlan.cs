using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// What is published: the scenario, the mesh, the run id and which cluster every component runs in. Made only when
/// every option fits the scenario, so a bad one is refused before anything is written.
/// </summary>
public sealed record PublishPlan
{
    public const string DefaultCluster = "cluster1";

    public required Scenario Scenario { get; init; }

    /// <summary>The scenario file as the components read it (with <c>mesh</c> set by <c>--mesh</c>).</summary>
    public required string ScenarioText { get; init; }

    public required MeshKind Mesh { get; init; }

    public required string RunId { get; init; }

    public required KubernetesPublishOptions Options { get; init; }

    /// <summary>The clusters a component runs in, in the order given; the first is where the trigger and collector are.</summary>
    public required IReadOnlyList<string> Clusters { get; init; }

    /// <summary>The kubeconfig context of each cluster, when given.</summary>
    public required IReadOnlyDictionary<string, string> Contexts { get; init; }

    public required IReadOnlyDictionary<string, string> ComponentClusters { get; init; }

    public TransportKind Transport => Scenario.Settings.Transport;

    /// <summary>The trigger's cluster: the collector runs there.</summary>
    public string HomeCluster => ClusterOf(Scenario.Trigger);

    public bool SpansClusters => Clusters.Count > 1;

    public string ClusterOf(ComponentSpec component) => ComponentClusters[component.RootName];

    public IEnumerable<ComponentSpec> ComponentsIn(string cluster) => Scenario.Chain.Where(c => ClusterOf(c) == cluster);

    /// <summary>Checks the options against the scenario; returns the plan, or every reason it cannot be made.</summary>
    public static (PublishPlan? Plan, IReadOnlyList<string> Errors) Make(Scenario scenario, string scenarioText, KubernetesPublishOptions options, DateTime now)
    {
        var errors = new List<string>();
        var mesh = options.Mesh ?? scenario.Settings.Mesh;
        var clusters = ResolveClusters(scenario, options, errors);
        var componentClusters = scenario.Chain.ToDictionary(c => c.RootName, c => c.Cluster ?? (options.Clusters.Count > 0 ? clusters[0] : DefaultCluster));
        var used = clusters.Where(componentClusters.Values.Contains).ToList();

        if (options.Waypoint && mesh != MeshKind.IstioAmbient)
        {
            errors.Add($"{KubernetesPublishOptions.WaypointFlag} needs the istio-ambient mesh (this publish is for '{MeshNames.Key(mesh)}')");
        }

        if (used.Count > 1)
        {
            CheckCrossCluster(scenario, mesh, options, used, componentClusters[scenario.Trigger.RootName], errors);
        }

        foreach (var named in options.BrokerAddresses.Keys.Where(k => !used.Contains(k)))
        {
            errors.Add($"{KubernetesPublishOptions.BrokerAddressFlag} names cluster '{named}', where no component runs (clusters: {string.Join(", ", used)})");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var plan = new PublishPlan
        {
            Scenario = scenario,
            ScenarioText = options.Mesh is null ? scenarioText : ScenarioTextWithMesh(scenarioText, mesh),
            Mesh = mesh,
            RunId = options.RunId ?? $"{now:yyyyMMdd-HHmmss}-{scenario.Name}",
            Options = options,
            Clusters = used,
            Contexts = options.Clusters.ToDictionary(c => c.Name, c => c.Context),
            ComponentClusters = componentClusters,
        };
        return (plan, []);
    }

    private static List<string> ResolveClusters(Scenario scenario, KubernetesPublishOptions options, List<string> errors)
    {
        var placed = scenario.Chain.Where(c => c.Cluster is not null).ToList();
        if (options.Clusters.Count > 0)
        {
            var declared = options.Clusters.Select(c => c.Name).ToList();
            foreach (var component in placed.Where(c => !declared.Contains(c.Cluster!)))
            {
                errors.Add($"{scenario.SourcePath}:{component.Line}: placement.cluster '{component.Cluster}' of {component.RootName} names a cluster with no context: "
                    + $"add {KubernetesPublishOptions.ClusterFlag} {component.Cluster}=CONTEXT (given: {string.Join(", ", declared)})");
            }

            return declared;
        }

        // Without --cluster, unplaced components go to cluster1, and one cluster needs no context: the manifests are
        // applied with the current one.
        var names = placed.Select(c => c.Cluster!)
            .Concat(placed.Count < scenario.Chain.Count ? [DefaultCluster] : [])
            .Distinct()
            .ToList();
        if (names.Count <= 1)
        {
            return names;
        }

        foreach (var component in placed.DistinctBy(c => c.Cluster))
        {
            errors.Add($"{scenario.SourcePath}:{component.Line}: placement.cluster '{component.Cluster}' of {component.RootName} names a cluster with no context: "
                + $"a scenario in {names.Count} clusters ({string.Join(", ", names)}) needs {KubernetesPublishOptions.ClusterFlag} NAME=CONTEXT for each");
        }

        return names;
    }

    private static void CheckCrossCluster(Scenario scenario, MeshKind mesh, KubernetesPublishOptions options, List<string> used, string home, List<string> errors)
    {
        var transport = scenario.Settings.Transport;
        if (transport.IsSynchronous() && mesh == MeshKind.None)
        {
            errors.Add($"{scenario.SourcePath}: a {transport.ToKey()} chain across clusters ({string.Join(", ", used)}) needs a mesh that spans them: "
                + $"{KubernetesPublishOptions.MeshFlag} istio, istio-ambient or linkerd (or an event mesh transport)");
            return;
        }

        if (transport.IsSynchronous())
        {
            return;
        }

        if (transport == TransportKind.JetStream)
        {
            errors.Add($"{scenario.SourcePath}: transport 'jetstream' across clusters ({string.Join(", ", used)}) is not published: a stream lives in one "
                + "JetStream domain; use 'nats' (core NATS, joined by gateways) across clusters, or one cluster");
            return;
        }

        // Kafka runs in the trigger's cluster alone; every other broker runs in each cluster and is bridged.
        var needAddress = transport == TransportKind.Kafka ? [home] : used;
        foreach (var cluster in needAddress.Where(c => !options.BrokerAddresses.ContainsKey(c)))
        {
            errors.Add($"{scenario.SourcePath}: transport '{transport.ToKey()}' spans clusters {string.Join(", ", used)}: "
                + $"give the address the other clusters reach the broker in '{cluster}' at: {KubernetesPublishOptions.BrokerAddressFlag} {cluster}=IP "
                + "(an internal load balancer IP reserved in the VPC; see docs/kubernetes.md)");
        }
    }

    /// <summary>The scenario with <c>mesh</c> set: the components and the collector record the mesh from their scenario.</summary>
    private static string ScenarioTextWithMesh(string text, MeshKind mesh)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').ToList();
        var firstSection = lines.FindIndex(l => l.TrimStart().StartsWith('['));
        var globalEnd = firstSection < 0 ? lines.Count : firstSection;
        for (var i = globalEnd - 1; i >= 0; i--)
        {
            var key = lines[i].Split('=', ':')[0].Trim();
            if (key == "mesh")
            {
                lines.RemoveAt(i);
            }
        }

        lines.Insert(0, $"mesh={MeshNames.Key(mesh)}");
        return string.Join('\n', lines);
    }
}
