namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>
/// The app host's publish command end to end (<c>--operation publish --step publish --output-path DIR</c>): it writes
/// one directory per cluster, and a bad option stops it with exit code 2, a message, and nothing written.
/// </summary>
public sealed class PublishCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-publish-").FullName;

    private string Output => Path.Combine(_folder, "out");

    [Fact]
    public async Task Publish_writes_a_kustomization_per_cluster()
    {
        var (exitCode, stdout, stderr) = await PublishAsync(
            "--scenario", Scenario("thesis-constant-two-clusters"), "--mesh", "linkerd",
            "--cluster", "cluster1=gke_a", "--cluster", "cluster2=gke_b", "--tag", "1.0.0");

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Equal(["cluster1", "cluster2"], Directory.GetDirectories(Output).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(Output, "cluster1", "kustomization.yaml")));
        Assert.True(File.Exists(Path.Combine(Output, "cluster2", "conclusion.yaml")));
        Assert.Contains("image: meshaspire-action:1.0.0", File.ReadAllText(Path.Combine(Output, "cluster1", "action01.yaml")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mesh", "consul", "--mesh 'consul' is not a mesh")]
    [InlineData("--tag", "v1 beta", "--tag 'v1 beta' is not an image tag")]
    public async Task A_bad_option_stops_the_publish_and_writes_nothing(string flag, string value, string message)
    {
        var (exitCode, _, stderr) = await PublishAsync("--scenario", Scenario("thesis-constant"), flag, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task A_placement_in_a_cluster_with_no_context_stops_the_publish_and_writes_nothing()
    {
        var scenario = TwoClusterTests.WithConclusionIn("thesis-constant", "cluster3");

        var (exitCode, _, stderr) = await PublishAsync("--scenario", scenario, "--mesh", "istio", "--cluster", "cluster1=gke_a", "--cluster", "cluster2=gke_b");

        Assert.Equal(2, exitCode);
        Assert.Contains("placement.cluster 'cluster3' of conclusion names a cluster with no context", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task A_publish_flag_without_publishing_is_refused()
    {
        var (exitCode, _, stderr) = await RunAppHostAsync("--scenario", Scenario("smoke"), "--mesh", "istio");

        Assert.Equal(2, exitCode);
        Assert.Contains("need --operation publish", stderr, StringComparison.Ordinal);
    }

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name + ".properties");

    private Task<(int Exit, string Output, string Error)> PublishAsync(params string[] arguments) =>
        RunAppHostAsync(["--operation", "publish", "--step", "publish", "--output-path", Output, .. arguments]);

    private static Task<(int Exit, string Output, string Error)> RunAppHostAsync(params string[] arguments) =>
        AppHostCommand.RunAsync(arguments, new Dictionary<string, string> { ["ASPIRE_CONTAINER_RUNTIME"] = NoContainerRuntime.Name }, TimeSpan.FromMinutes(2));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
