namespace MeshAspire.AppHost.Tests;

/// <summary>A bad scenario or flag stops the app host before any resource starts: exit code 2, the reason on stderr.</summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-bad-").FullName;

    [Fact]
    public async Task A_scenario_with_an_unknown_key_names_file_line_and_key()
    {
        var scenario = Path.Combine(_folder, "typo.properties");
        await File.WriteAllTextAsync(scenario, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", "smoke.properties"))
            .Replace("operation.ops.start=", "operation.ops.strat=", StringComparison.Ordinal));

        var (exitCode, stderr) = await RunAppHostAsync("--scenario", scenario);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{scenario}:", stderr, StringComparison.Ordinal);
        Assert.Contains("operation.ops.strat", stderr, StringComparison.Ordinal);
        Assert.Contains("operation.ops.start", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_scenario_file_is_named()
    {
        var missing = Path.Combine(_folder, "absent.properties");

        var (exitCode, stderr) = await RunAppHostAsync("--scenario", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flag_without_its_value_is_named()
    {
        var (exitCode, stderr) = await RunAppHostAsync("--scenario");

        Assert.Equal(2, exitCode);
        Assert.Contains("--scenario needs a value", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_store_is_named_with_the_stores_there_are()
    {
        var (exitCode, stderr) = await RunAppHostAsync("--store", "mongo");

        Assert.Equal(2, exitCode);
        Assert.Contains("--store takes 'files' or 'postgres', not 'mongo'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kafka_scenario_without_a_container_runtime_is_refused_before_anything_starts()
    {
        var scenario = Path.Combine(_folder, "kafka.properties");
        await File.WriteAllTextAsync(scenario, """
            duration=3s
            transport=kafka

            [trigger]
            rootname=trigger
            operation.ops.start=10
            communication.to=WORKFLOW-ACTION1

            [action]
            rootname=action01
            communication.from=WORKFLOW-ACTION1
            communication.to=WORKFLOW-CONCLUSION

            [conclusion]
            rootname=conclusion
            communication.from=WORKFLOW-CONCLUSION
            """);

        var (exitCode, stderr) = await RunAppHostAsync("--scenario", scenario);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{scenario}: transport 'kafka' needs Kafka (KRaft), which runs locally only as a container", stderr, StringComparison.Ordinal);
        Assert.Contains("no container runtime answers", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stderr)> RunAppHostAsync(params string[] arguments)
    {
        var (exit, _, error) = await AppHostCommand.RunAsync(
            arguments, new Dictionary<string, string> { ["ASPIRE_CONTAINER_RUNTIME"] = NoContainerRuntime.Name }, ExitTimeout);
        return (exit, error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
