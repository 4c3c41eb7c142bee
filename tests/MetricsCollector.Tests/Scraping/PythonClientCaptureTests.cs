using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class PythonClientCaptureTests
{
    private readonly ExpositionParseResult _openMetrics =
        ExpositionFixtures.Parse("python-client-0.16.0-openmetrics", ExpositionFormat.OpenMetrics);

    [Fact]
    public void A_counter_gathers_total_and_created_and_keeps_its_exemplar()
    {
        var family = Assert.IsType<MetricFamily>(_openMetrics.Family("http_requests"));

        Assert.Equal(MetricType.Counter, family.Type);
        Assert.Equal(["http_requests_total", "http_requests_created", "http_requests_total", "http_requests_created"], family.Samples.Select(sample => sample.Name));
        var total = family.Samples[0];
        Assert.Equal(41, total.Value);
        var exemplar = Assert.IsType<Exemplar>(total.Exemplar);
        Assert.Equal([new KeyValuePair<string, string>("trace_id", "abc123")], exemplar.Labels);
        Assert.Equal(41, exemplar.Value);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 45, 0, TimeSpan.Zero).AddTicks(8_387_272), exemplar.Timestamp);
        Assert.Equal(1.7958267008387172e+09, family.Samples[1].Value);
    }

    [Fact]
    public void Escaped_label_values_and_help_come_back_as_written_before_escaping()
    {
        var family = _openMetrics.Family("http_requests")!;

        Assert.Equal("HTTP requests served.\nSecond line with a backslash \\ here.", family.Help);
        Assert.Equal("/odd \"quoted\"\\path\nnext", family.Samples[2].Label("path"));
        Assert.Equal("/odd \"quoted\"\\path\nnext", PrometheusTextParser.Parse(ExpositionFixtures.Text("python-client-0.16.0-text"), ExpositionFormat.PrometheusText)
            .Family("http_requests_total")!.Samples[1].Label("path"));
    }

    [Fact]
    public void A_histogram_keeps_its_unit_and_an_exemplar_on_buckets_that_have_one()
    {
        var family = Assert.IsType<MetricFamily>(_openMetrics.Family("request_latency_seconds"));

        Assert.Equal(MetricType.Histogram, family.Type);
        Assert.Equal("seconds", family.Unit);
        var buckets = family.Samples.Where(sample => sample.Name == "request_latency_seconds_bucket").ToArray();
        Assert.Equal(["0.005", "0.05", "0.5", "5.0", "+Inf"], buckets.Select(bucket => bucket.Label("le")));
        Assert.Equal([0.002, 0.03, 0.2, (double?)null, 7.5], buckets.Select(bucket => bucket.Exemplar?.Value));
        Assert.Equal("tr-7.5", buckets[^1].Exemplar!.Labels.Single().Value);
        Assert.Equal(7.933, family.Samples.Single(sample => sample.Name == "request_latency_seconds_sum").Value);
    }

    [Fact]
    public void OpenMetrics_only_types_are_read_with_their_own_sample_names()
    {
        var queueDepth = _openMetrics.Family("queue_depth_messages")!;
        Assert.Equal(MetricType.GaugeHistogram, queueDepth.Type);
        Assert.Equal(
            ["queue_depth_messages_bucket", "queue_depth_messages_bucket", "queue_depth_messages_bucket", "queue_depth_messages_gcount", "queue_depth_messages_gsum"],
            queueDepth.Samples.Select(sample => sample.Name));
        Assert.Equal(57, queueDepth.Samples[^1].Value);

        var build = _openMetrics.Family("build")!;
        Assert.Equal(MetricType.Info, build.Type);
        Assert.Equal("deadbeef", Assert.Single(build.Samples, sample => sample.Name == "build_info").Label("revision"));

        var state = _openMetrics.Family("task_state")!;
        Assert.Equal(MetricType.StateSet, state.Type);
        Assert.Equal("running", Assert.Single(state.Samples, sample => sample.Value == 1).Label("task_state"));
    }

    [Fact]
    public void NaN_and_negative_infinity_are_values()
    {
        Assert.True(double.IsNaN(Assert.Single(_openMetrics.Family("inflight_requests")!.Samples).Value));
        Assert.Equal(double.NegativeInfinity, Assert.Single(_openMetrics.Family("temperature_celsius")!.Samples).Value);
        Assert.Equal("celsius", _openMetrics.Family("temperature_celsius")!.Unit);
    }

    [Fact]
    public void In_the_0_0_4_text_the_same_client_writes_created_as_separate_gauges()
    {
        var text = PrometheusTextParser.Parse(ExpositionFixtures.Text("python-client-0.16.0-text"), ExpositionFormat.PrometheusText);

        Assert.Equal(MetricType.Counter, text.Family("http_requests_total")!.Type);
        Assert.Equal(MetricType.Gauge, text.Family("http_requests_created")!.Type);
        Assert.Equal(MetricType.Histogram, text.Family("queue_depth_messages")!.Type);
        Assert.Equal(MetricType.Gauge, text.Family("queue_depth_messages_gcount")!.Type);
    }
}
