using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class ResourceUsageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private static Scrape Containers(int second, params MetricSample[] samples) =>
        new("local", "containers", ScrapeKind.Resources, Start.AddSeconds(second), samples);

    private static MetricSample Cpu(string component, double cores, string role = ResourceSeries.ApplicationRole) =>
        ReportRuns.Sample(ResourceSeries.CpuCores, component, component, role, cores);

    [Fact]
    public void A_failed_scrape_is_a_gap_in_every_series_of_its_target_and_a_note()
    {
        var usage = ResourceUsage.From(
        [
            Containers(0, Cpu("trigger", 0.5), Cpu("conclusion", 0.25)),
            new Scrape("local", "containers", ScrapeKind.Resources, Start.AddSeconds(1), [], "connection refused"),
            Containers(2, Cpu("trigger", 0.7), Cpu("conclusion", 0.35)),
        ]);

        Assert.Equal(2, usage.Tracks.Count);
        Assert.All(usage.Tracks, t => Assert.Null(t.Points[1].Value));
        Assert.Equal([0.5, null, 0.7], usage.Tracks.Single(t => t.Component == "trigger").Points.Select(p => p.Value));
        var note = Assert.Single(usage.Notes);
        Assert.Contains("local/containers", note);
        Assert.Contains("1 of 3 scrapes failed", note);
        Assert.Contains("connection refused", note);
    }

    [Fact]
    public void A_container_missing_from_an_answer_has_a_gap_there_and_none_before_it_first_appeared()
    {
        var usage = ResourceUsage.From(
        [
            Containers(0, Cpu("trigger", 0.5)),
            Containers(1, Cpu("trigger", 0.5), Cpu("action01", 0.1)),
            Containers(2, Cpu("trigger", 0.5)),
            Containers(3, Cpu("trigger", 0.5), Cpu("action01", 0.3)),
        ]);

        var action = usage.Tracks.Single(t => t.Component == "action01");
        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(2), Start.AddSeconds(3)], action.Points.Select(p => p.At));
        Assert.Equal([0.1, null, 0.3], action.Points.Select(p => p.Value));
        Assert.Empty(usage.Notes);
    }

    [Fact]
    public void The_mean_is_over_the_window_and_leaves_gaps_out()
    {
        var usage = ResourceUsage.From(
        [
            Containers(0, Cpu("trigger", 9)),
            Containers(1, Cpu("trigger", 1)),
            new Scrape("local", "containers", ScrapeKind.Resources, Start.AddSeconds(2), [], "timeout"),
            Containers(3, Cpu("trigger", 3)),
            Containers(4, Cpu("trigger", 9)),
        ]);
        var track = Assert.Single(usage.Tracks);

        Assert.Equal((2.0, 2), track.Mean(Start.AddSeconds(1), Start.AddSeconds(3)));
        Assert.Equal((5.5, 4), track.Mean(null, null));
        Assert.Equal((5.5, 4), track.Mean(Start.AddHours(1), Start.AddHours(2)));
    }

    [Fact]
    public void Roles_come_from_the_label_else_from_the_kind_of_target_and_nodes_are_left_out()
    {
        var unlabelled = new MetricSample(ResourceSeries.MemoryBytes, [], 1e6);
        var usage = ResourceUsage.From(
        [
            new Scrape("local", "action01/envoy", ScrapeKind.Sidecar, Start, [unlabelled]),
            new Scrape("local", "nats", ScrapeKind.Broker, Start, [unlabelled]),
            new Scrape("cluster1", "containers", ScrapeKind.Resources, Start, [Cpu("action01", 0.2, ResourceSeries.SidecarRole)]),
            new Scrape("cluster1", "nodes", ScrapeKind.Nodes, Start, [Cpu("node-1", 1.5)]),
            new Scrape("local", "trigger", ScrapeKind.Component, Start, [new MetricSample("process_cpu_seconds_total", [], 12)]),
        ]);

        Assert.Equal(
            [("action01/envoy", ResourceSeries.SidecarRole), ("cluster1:action01", ResourceSeries.SidecarRole), ("nats", ResourceSeries.BrokerRole)],
            usage.Tracks.Select(t => (t.Name, t.Role)).Order());
    }

    [Fact]
    public async Task Scrapes_are_read_one_by_one_from_a_store()
    {
        var usage = await ResourceUsage.ReadAsync(ToAsync(ReportRuns.Resources(1, 10, failAt: 4)), CancellationToken.None);

        Assert.Equal(2 * ReportRuns.Containers.Length, usage.Tracks.Count);
        Assert.All(usage.Tracks, t => Assert.Equal(10, t.Points.Count));
        Assert.All(usage.Tracks, t => Assert.Null(t.Points[4].Value));
        Assert.Single(usage.Notes);
    }

    private static async IAsyncEnumerable<Scrape> ToAsync(IEnumerable<Scrape> scrapes)
    {
        foreach (var scrape in scrapes)
        {
            await Task.Yield();
            yield return scrape;
        }
    }
}
