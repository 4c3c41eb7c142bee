using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Resources;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Tests.Resources;

/// <summary>CPU seconds counters turned into cores over the time between two readings.</summary>
public sealed class CpuRateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cores_are_the_counters_increase_over_the_time_between_readings()
    {
        var rate = new CpuRate();

        Assert.Null(rate.Cores("action01", 10.0, Start));
        Assert.Equal(0.25, rate.Cores("action01", 10.25, Start.AddSeconds(1)));
        Assert.Equal(1.5, rate.Cores("action01", 13.25, Start.AddSeconds(3)));
        Assert.Equal(0, rate.Cores("action01", 13.25, Start.AddSeconds(8)));
    }

    [Fact]
    public void Series_are_apart()
    {
        var rate = new CpuRate();
        rate.Cores("action01", 1, Start);
        rate.Cores("action02", 100, Start);

        Assert.Equal(0.5, rate.Cores("action01", 1.5, Start.AddSeconds(1)));
        Assert.Equal(2, rate.Cores("action02", 102, Start.AddSeconds(1)));
    }

    [Fact]
    public void A_counter_that_went_down_restarted_and_gives_nothing_until_the_next_reading()
    {
        var rate = new CpuRate();
        rate.Cores("nats", 50, Start);

        Assert.Null(rate.Cores("nats", 0.5, Start.AddSeconds(1)));
        Assert.Equal(0.5, rate.Cores("nats", 1.0, Start.AddSeconds(2)));
    }

    [Fact]
    public void A_reading_no_later_than_the_previous_gives_nothing()
    {
        var rate = new CpuRate();
        rate.Cores("trigger", 1, Start);

        Assert.Null(rate.Cores("trigger", 2, Start));
    }

    [Fact]
    public void A_forgotten_series_is_not_averaged_over_its_gap()
    {
        var rate = new CpuRate();
        rate.Cores("trigger", 1, Start);
        rate.Forget("trigger");

        Assert.Null(rate.Cores("trigger", 5, Start.AddSeconds(10)));
        Assert.Equal(1, rate.Cores("trigger", 6, Start.AddSeconds(11)));
    }

    [Fact]
    public void A_local_round_gives_every_process_its_cores_and_memory_with_component_container_and_role()
    {
        var series = new LocalResourceSeries();
        var action = new ScrapeTarget(ScrapeTarget.LocalCluster, "action01", ScrapeKind.Component, new Uri("http://127.0.0.1:1/metrics"),
            TargetFormat.Prometheus, "action01", "action01", ResourceSeries.ApplicationRole);
        var nats = new ScrapeTarget(ScrapeTarget.LocalCluster, "nats", ScrapeKind.Broker, new Uri("http://127.0.0.1:2/"),
            TargetFormat.NatsMonitoring, "nats", "nats", ResourceSeries.BrokerRole);

        series.Read(ScrapeTarget.LocalCluster, Start, Round(Start, action, 2.0, nats, 7), new ProcessUsage(1.0, null, 1000));
        var second = series.Read(ScrapeTarget.LocalCluster, Start.AddSeconds(2), Round(Start.AddSeconds(2), action, 3.0, nats, 12), new ProcessUsage(1.1, null, 2000));

        Assert.Equal(ScrapeKind.Resources, second.Kind);
        Assert.Equal(LocalResourceSeries.Target, second.Target);
        Assert.Equal(
            [
                "meshaspire_resource_cpu_cores action01 action01 application 0.5",
                "meshaspire_resource_memory_bytes action01 action01 application 4096",
                "meshaspire_resource_cpu_cores nats nats broker 0.12",
                "meshaspire_resource_memory_bytes nats nats broker 4096",
                "meshaspire_resource_cpu_cores collector collector collector 0.05",
                "meshaspire_resource_memory_bytes collector collector collector 2000",
            ],
            second.Samples.Select(s => string.Join(' ',
                s.Name, s.Label(ResourceSeries.Component), s.Label(ResourceSeries.Container), s.Label(ResourceSeries.Role), Math.Round(s.Value, 9))));
    }

    private static (ScrapeTarget, Scrape)[] Round(DateTimeOffset at, ScrapeTarget action, double actionCpuSeconds, ScrapeTarget nats, double natsPercent) =>
    [
        (action, new Scrape(action.Cluster, action.Name, action.Kind, at,
            [Sample("process_cpu_time_seconds_total", actionCpuSeconds), Sample("process_memory_usage_bytes", 4096)])),
        (nats, new Scrape(nats.Cluster, nats.Name, nats.Kind, at, [Sample("nats_varz_cpu", natsPercent), Sample("nats_varz_mem", 4096)])),
    ];

    private static MetricSample Sample(string name, double value) => new(name, [], value);
}
