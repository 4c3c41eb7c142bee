using MeshAspire.AppHost.Brokers;

namespace MeshAspire.AppHost.Tests;

/// <summary>
/// The real app host, with no container runtime, runs the nats smoke scenario on nats-server started from PATH
/// as an executable resource: every component subscribes before the trigger starts, and every message arrives.
/// This machine kind has no container engine; on one that has, the first test says so instead of testing the
/// container path by mistake.
/// </summary>
public sealed class NatsRunTests(NatsRunFixture run) : IClassFixture<NatsRunFixture>
{
    [Fact]
    public void No_container_runtime_answers_so_the_broker_is_the_executable()
    {
        Assert.False(ContainerRuntime.Answers());
        Assert.NotNull(ExecutableSearch.Find("nats-server"));
    }

    [Fact]
    public void The_collector_measures_the_run_and_exits_0() => Assert.Equal(0, run.CollectorExitCode);

    [Fact]
    public void Every_message_arrives_over_nats()
    {
        Assert.Equal("nats", run.Summary.GetProperty("transport").GetString());
        var messages = run.Summary.GetProperty("messages");
        Assert.Equal(150, messages.GetProperty("scheduled").GetInt64());
        Assert.Equal(150, messages.GetProperty("sent").GetInt64());
        Assert.Equal(150, messages.GetProperty("received").GetInt64());
        Assert.Equal(0, messages.GetProperty("lost").GetInt64());
        Assert.Equal(0, messages.GetProperty("duplicates").GetInt64());
        var hops = run.Summary.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("component").GetString()!).ToArray();
        Assert.Equal(new[] { "action01", "action02", "conclusion" }, hops);
    }

    [Fact]
    public void The_collector_scraped_the_brokers_monitoring_while_the_run_went_on()
    {
        // One file per scrape: <results>/<cluster>/<collection time>/<target>.prom (the thesis's layout)
        var scrapes = Directory.GetFiles(Path.Combine(run.ResultsFolder, "local"), "nats.prom", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToArray();

        Assert.NotEmpty(scrapes);
        Assert.All(scrapes, scrape => Assert.DoesNotContain("# failed: ", scrape, StringComparison.Ordinal));
        Assert.All(scrapes, scrape => Assert.Contains("\nnats_varz_in_msgs ", scrape, StringComparison.Ordinal));
        Assert.Contains(scrapes, scrape => scrape.Contains("\nnats_connz_subscriptions{cid=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_collector_scraped_every_component_and_read_each_process_cpu_and_memory()
    {
        var local = Path.Combine(run.ResultsFolder, "local");
        foreach (var component in new[] { "trigger", "action01", "action02", "conclusion" })
        {
            Assert.NotEmpty(Directory.GetFiles(local, $"{component}.prom", SearchOption.AllDirectories));
        }

        var resources = Directory.GetFiles(local, "processes.prom", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();
        Assert.Contains(resources, r => r.Contains("meshaspire_resource_cpu_cores{component=\"conclusion\",container=\"conclusion\",role=\"application\"}", StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Contains("meshaspire_resource_cpu_cores{component=\"nats\",container=\"nats\",role=\"broker\"}", StringComparison.Ordinal));
        Assert.All(resources, r => Assert.Contains("meshaspire_resource_memory_bytes{component=\"collector\",container=\"collector\",role=\"collector\"}", r, StringComparison.Ordinal));
    }
}

public sealed class NatsRunFixture() : AppHostRunFixture("smoke-nats.properties");
