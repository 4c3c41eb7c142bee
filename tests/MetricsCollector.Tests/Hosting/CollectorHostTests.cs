using System.Net;

namespace MeshAspire.MetricsCollector.Tests.Hosting;

/// <summary>The collector as a web host: its own /metrics with scrape counters per target, and /report.</summary>
public sealed class CollectorHostTests(CollectorHostFixture collector) : IClassFixture<CollectorHostFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Its_metrics_count_scrapes_per_target_and_outcome_beside_its_process_metrics()
    {
        var metrics = await collector.PollAsync(new Uri(collector.Collector, "/metrics"),
            text => text.Contains("target=\"trigger\"", StringComparison.Ordinal) && text.Contains("target=\"conclusion\"", StringComparison.Ordinal),
            Deadline);

        Assert.Matches("meshaspire_collector_scrapes_total\\{[^}]*outcome=\"ok\"[^}]*target=\"conclusion\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("meshaspire_collector_scrape_failures_total\\{[^}]*target=\"trigger\"[^}]*\\} [1-9]", metrics);
        Assert.Contains("meshaspire_collector_scrape_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Matches("meshaspire_collector_targets\\{[^}]*\\} 2", metrics);
        Assert.Contains("process_cpu_time_seconds_total{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_scrape_of_the_running_component_is_stored_in_the_thesis_layout()
    {
        await collector.PollAsync(new Uri(collector.Collector, "/metrics"), text => text.Contains("target=\"conclusion\"", StringComparison.Ordinal), Deadline);
        var local = Path.Combine(collector.ResultsFolder, "local");
        string? scrape = null;
        using var timeout = new CancellationTokenSource(Deadline);
        while (scrape is null)
        {
            var files = Directory.Exists(local) ? Directory.GetFiles(local, "conclusion.prom", SearchOption.AllDirectories) : [];
            scrape = files.Select(File.ReadAllText).FirstOrDefault(text => !text.Contains("\"failure\":\"", StringComparison.Ordinal));
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }

        Assert.StartsWith("# scrape {\"cluster\":\"local\",\"target\":\"conclusion\",", scrape, StringComparison.Ordinal);
        Assert.Contains("\nprocess_memory_usage_bytes{", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_is_404_with_a_reason_until_it_is_written_then_served_as_html()
    {
        var report = new Uri(collector.Collector, "/report");
        using (var before = await collector.Http.GetAsync(report))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
            Assert.StartsWith("No report yet: report.html is written to ", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Directory.CreateDirectory(collector.ResultsFolder);
        await File.WriteAllTextAsync(Path.Combine(collector.ResultsFolder, "report.html"), "<!doctype html><title>run</title>");
        using var after = await collector.Http.GetAsync(report);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("text/html", after.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<!doctype html><title>run</title>", await after.Content.ReadAsStringAsync());
    }
}
