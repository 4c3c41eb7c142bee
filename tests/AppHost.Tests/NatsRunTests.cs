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
        var scrapes = File.ReadAllText(Path.Combine(run.ResultsFolder, "brokers", "nats.prom"));

        Assert.Contains("# scrape nats http://", scrapes, StringComparison.Ordinal);
        Assert.DoesNotContain(" failed: ", scrapes, StringComparison.Ordinal);
        Assert.Contains("# TYPE nats_varz_in_msgs counter", scrapes, StringComparison.Ordinal);
        Assert.Contains("nats_connz_subscriptions{cid=", scrapes, StringComparison.Ordinal);
    }
}

public sealed class NatsRunFixture() : AppHostRunFixture("smoke-nats.properties");
