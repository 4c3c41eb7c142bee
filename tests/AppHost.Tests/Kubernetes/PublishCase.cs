using MeshAspire.AppHost.Kubernetes;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>A scenario and publish flags: the manifests they make, in memory, as the publish step would write them.</summary>
public sealed record PublishCase(string Name, string Scenario, params string[] Arguments)
{
    public static readonly DateTime PublishedAt = new(2026, 11, 28, 2, 0, 0, DateTimeKind.Utc);

    public const string TwoClusters = "--cluster=cluster1=gke_meshaspire_europe-west1-b_cluster1 --cluster=cluster2=gke_meshaspire_europe-west4-a_cluster2";
    public const string BrokerAddresses = "--broker-address=cluster1=10.132.0.50 --broker-address=cluster2=10.164.0.50";

    /// <summary>The golden cases: the thesis's two scenarios per mesh, its two-cluster runs, and every broker.</summary>
    public static readonly IReadOnlyList<PublishCase> Golden =
    [
        new("thesis-constant-none", "thesis-constant", "--mesh=none"),
        new("thesis-constant-istio", "thesis-constant", "--mesh=istio"),
        new("thesis-constant-istio-ambient", "thesis-constant", "--mesh=istio-ambient", "--waypoint"),
        new("thesis-constant-linkerd", "thesis-constant", "--mesh=linkerd"),
        new("thesis-incremental-none", "thesis-incremental", "--mesh=none"),
        new("thesis-incremental-istio", "thesis-incremental", "--mesh=istio"),
        new("thesis-incremental-istio-ambient", "thesis-incremental", "--mesh=istio-ambient"),
        new("thesis-incremental-linkerd", "thesis-incremental", "--mesh=linkerd"),
        new("thesis-constant-two-clusters-istio", "thesis-constant-two-clusters", [.. Split(TwoClusters), "--mesh=istio"]),
        new("thesis-constant-two-clusters-istio-ambient", "thesis-constant-two-clusters", [.. Split(TwoClusters), "--mesh=istio-ambient"]),
        new("thesis-constant-two-clusters-linkerd", "thesis-constant-two-clusters", [.. Split(TwoClusters), "--mesh=linkerd"]),
        new("thesis-eventmesh-constant", "thesis-eventmesh-constant", "--postgres"),
        new("thesis-eventmesh-constant-two-clusters", "thesis-eventmesh-constant-two-clusters", [.. Split(TwoClusters), .. Split(BrokerAddresses)]),
        new("thesis-nats-constant-linkerd", "thesis-nats-constant", "--mesh=linkerd"),
        new("thesis-rabbitmq-constant-istio", "thesis-rabbitmq-constant", "--mesh=istio", "--registry=europe-west1-docker.pkg.dev/meshaspire/images", "--tag=1.0.0"),
    ];

    public PublishPlan Plan()
    {
        var (plan, errors) = TryPlan();
        Assert.True(plan is not null, string.Join("\n", errors));
        return plan!;
    }

    public (PublishPlan? Plan, IReadOnlyList<string> Errors) TryPlan()
    {
        var path = ScenarioPath(Scenario);
        var parsed = ScenarioParser.Parse(path);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        var (options, rest, optionErrors) = KubernetesPublishOptions.Parse([.. Arguments, "--run-id=golden-run"]);
        Assert.Empty(rest);
        return optionErrors.Count > 0 ? (null, optionErrors) : PublishPlan.Make(parsed.Scenario!, File.ReadAllText(path), options, PublishedAt);
    }

    public IReadOnlyList<ClusterManifests> Manifests() => KubernetesPublisher.Build(Plan());

    public static string ScenarioPath(string name) =>
        File.Exists(name) ? name : Path.Combine(AppContext.BaseDirectory, "scenarios", name + ".properties");

    public override string ToString() => Name;

    private static string[] Split(string arguments) => arguments.Split(' ');
}
