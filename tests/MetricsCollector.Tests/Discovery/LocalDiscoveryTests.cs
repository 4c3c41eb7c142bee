using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Scenarios;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.MetricsCollector.Tests.Discovery;

/// <summary>A local run's targets: only the endpoints the app host handed the collector as configuration.</summary>
public sealed class LocalDiscoveryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-local-").FullName;

    [Fact]
    public void Every_component_is_scraped_at_its_http_endpoints_metrics_and_the_broker_at_its_metrics_endpoint()
    {
        var scenario = Scenario("transport=nats");
        var configuration = Configuration(new()
        {
            ["services:trigger:http:0"] = "http://127.0.0.1:21001",
            ["services:conclusion:http:0"] = "http://127.0.0.1:21002",
            ["services:nats:metrics:0"] = "http://127.0.0.1:21003",
        });

        var targets = LocalDiscovery.Discover(scenario, ComponentDirectory.Discover(scenario, configuration, new HttpClient()), configuration);

        Assert.Equal(
            [
                "local trigger Component http://127.0.0.1:21001/metrics Prometheus application",
                "local conclusion Component http://127.0.0.1:21002/metrics Prometheus application",
                "local nats Broker http://127.0.0.1:21003/ NatsMonitoring broker",
            ],
            targets.Select(t => $"{t.Cluster} {t.Name} {t.Kind} {t.Address} {t.Format} {t.Role}"));
    }

    [Fact]
    public void A_rabbitmq_broker_serves_prometheus_text_at_metrics()
    {
        var scenario = Scenario("transport=rabbitmq");
        var configuration = Configuration(new() { ["services:rabbitmq:metrics:0"] = "http://127.0.0.1:21004" });

        var targets = LocalDiscovery.Discover(scenario, ComponentDirectory.Discover(scenario, configuration, new HttpClient()), configuration);

        var broker = Assert.Single(targets, t => t.Kind == ScrapeKind.Broker);
        Assert.Equal(new Uri("http://127.0.0.1:21004/metrics"), broker.Address);
        Assert.Equal(TargetFormat.Prometheus, broker.Format);
    }

    [Fact]
    public void A_sync_run_has_no_broker_target()
    {
        var scenario = Scenario("transport=grpc");
        var configuration = Configuration([]);

        var targets = LocalDiscovery.Discover(scenario, ComponentDirectory.Discover(scenario, configuration, new HttpClient()), configuration);

        Assert.Equal(["trigger", "conclusion"], targets.Select(t => t.Name));
        Assert.All(targets, t => Assert.Equal(ScrapeKind.Component, t.Kind));
    }

    private Scenario Scenario(string transport)
    {
        var path = Path.Combine(_folder, "scenario.properties");
        File.WriteAllText(path, $"""
            duration=2s
            {transport}

            [trigger]
            rootname=trigger
            operation.ops.start=10
            operation.ops.end=10
            communication.hostname.to=conclusion
            communication.port.to=10091
            communication.to=topic1

            [conclusion]
            rootname=conclusion
            communication.port.from=10091
            communication.from=topic1
            """);
        var parsed = ScenarioParser.Parse(path);
        Assert.True(parsed.Succeeded, string.Join(Environment.NewLine, parsed.Errors));
        return parsed.Scenario!;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
