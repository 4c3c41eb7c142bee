using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;

namespace MeshAspire.MetricsCollector.Tests.Storage;

public sealed class ScrapeFileTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 2, 0, 1, TimeSpan.Zero);

    [Fact]
    public void A_scrape_is_written_as_prometheus_text_under_its_scrape_line()
    {
        var scrape = new Scrape("local", "action01", ScrapeKind.Component, At,
        [
            new MetricSample("up", [], 1),
            new MetricSample("x_total", [new("path", "/café/𝄞"), new("odd", "a\"b\\c\nd")], 0.1, At.AddMilliseconds(5)),
            new MetricSample("y", [new("k", "v")], double.NaN),
            new MetricSample("y", [new("k", "w")], double.NegativeInfinity),
            new MetricSample("z", [], 1e-300),
        ]);

        var text = ScrapeFile.Format(scrape);

        Assert.Equal(
            "# scrape {\"cluster\":\"local\",\"target\":\"action01\",\"kind\":\"component\",\"at\":\"2026-11-28T02:00:01+00:00\"}\n"
            + "up 1\n"
            + "x_total{path=\"/café/𝄞\",odd=\"a\\\"b\\\\c\\nd\"} 0.1 1795831201005\n"
            + "y{k=\"v\"} NaN\n"
            + "y{k=\"w\"} -Inf\n"
            + "z 1E-300\n",
            text);
        Assert.Equal(scrape.Samples.Select(s => s.Label("odd") ?? s.Label("path")), ScrapeFile.Parse(text, "x.prom").Samples.Select(s => s.Label("odd") ?? s.Label("path")));
    }
}
