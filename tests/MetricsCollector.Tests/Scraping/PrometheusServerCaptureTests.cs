using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class PrometheusServerCaptureTests
{
    [Fact]
    public void A_histogram_gathers_buckets_sum_and_count_per_handler()
    {
        var result = ExpositionFixtures.Parse("prometheus-2.42.0-metrics", ExpositionFormat.PrometheusText);
        var family = Assert.IsType<MetricFamily>(result.Family("prometheus_http_request_duration_seconds"));

        var buckets = ExpositionFixtures.Series(family, "prometheus_http_request_duration_seconds_bucket", "handler", "/metrics");
        var count = Assert.Single(ExpositionFixtures.Series(family, "prometheus_http_request_duration_seconds_count", "handler", "/metrics"));
        var sum = Assert.Single(ExpositionFixtures.Series(family, "prometheus_http_request_duration_seconds_sum", "handler", "/metrics"));

        Assert.Equal(MetricType.Histogram, family.Type);
        Assert.Equal(["0.1", "0.2", "0.4", "1", "3", "8", "20", "60", "120", "+Inf"], buckets.Select(bucket => bucket.Label("le")));
        Assert.Equal(5, buckets[^1].Value);
        Assert.Equal(5, count.Value);
        Assert.Equal(0.046261623, sum.Value);
    }

    [Fact]
    public void Gauges_and_counters_keep_exact_values_and_labels()
    {
        var result = ExpositionFixtures.Parse("prometheus-2.42.0-metrics", ExpositionFormat.PrometheusText);

        Assert.Equal(360, Assert.Single(result.Family("prometheus_tsdb_head_series")!.Samples).Value);
        var requests = result.Family("prometheus_http_requests_total")!;
        Assert.Equal(MetricType.Counter, requests.Type);
        Assert.Equal(5, Assert.Single(requests.Samples, sample => sample.Label("handler") == "/metrics" && sample.Label("code") == "200").Value);
        Assert.Equal("2.42.0+ds", Assert.Single(result.Family("prometheus_build_info")!.Samples).Label("version"));
    }

    [Fact]
    public void Federation_gives_millisecond_timestamps_as_utc_instants()
    {
        var result = ExpositionFixtures.Parse("prometheus-2.42.0-federate", ExpositionFormat.PrometheusText);

        var up = Assert.Single(result.Family("up")!.Samples);
        Assert.Equal(1, up.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795826390581), up.Timestamp);
        Assert.All(result.Families.SelectMany(family => family.Samples), sample => Assert.NotNull(sample.Timestamp));
    }

    [Fact]
    public void Federation_declares_each_histogram_series_as_its_own_untyped_family()
    {
        var result = ExpositionFixtures.Parse("prometheus-2.42.0-federate", ExpositionFormat.PrometheusText);

        var buckets = Assert.IsType<MetricFamily>(result.Family("prometheus_http_request_duration_seconds_bucket"));
        Assert.Equal(MetricType.Unknown, buckets.Type);
        Assert.Null(result.Family("prometheus_http_request_duration_seconds"));
        Assert.Equal(
            ["prometheus_build_info", "prometheus_http_request_duration_seconds_bucket", "prometheus_http_request_duration_seconds_count", "prometheus_http_request_duration_seconds_sum", "up"],
            result.Families.Select(family => family.Name));
    }
}
