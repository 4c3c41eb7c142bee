using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class OpenTelemetryExporterCaptureTests
{
    private readonly ExpositionParseResult _openMetrics =
        ExpositionFixtures.Parse("otel-dotnet-1.20.1-openmetrics", ExpositionFormat.OpenMetrics);

    private readonly ExpositionParseResult _text =
        ExpositionFixtures.Parse("otel-dotnet-1.20.1-text", ExpositionFormat.PrometheusText);

    [Fact]
    public void The_workflow_latency_histogram_has_every_bucket_and_the_inf_bucket_equals_the_count()
    {
        var family = Assert.IsType<MetricFamily>(_openMetrics.Family("meshaspire_workflow_latency_seconds"));

        var buckets = ExpositionFixtures.Series(family, "meshaspire_workflow_latency_seconds_bucket", "kind", "e2e");
        Assert.Equal(MetricType.Histogram, family.Type);
        Assert.Equal("seconds", family.Unit);
        Assert.Equal(18, buckets.Count);
        Assert.Equal(("5e-05", 1.0), (buckets[0].Label("le"), buckets[0].Value));
        Assert.Equal(("+Inf", 7.0), (buckets[^1].Label("le"), buckets[^1].Value));
        Assert.Equal(7, Assert.Single(ExpositionFixtures.Series(family, "meshaspire_workflow_latency_seconds_count", "kind", "e2e")).Value);
        Assert.Equal(20.07562, Assert.Single(ExpositionFixtures.Series(family, "meshaspire_workflow_latency_seconds_sum", "kind", "e2e")).Value);
        Assert.Single(ExpositionFixtures.Series(family, "meshaspire_workflow_latency_seconds_created", "kind", "e2e"));
    }

    [Fact]
    public void Counters_are_named_without_total_in_OpenMetrics_and_with_it_in_0_0_4()
    {
        var openMetrics = Assert.IsType<MetricFamily>(_openMetrics.Family("meshaspire_workflow_messages_sent"));
        var text = Assert.IsType<MetricFamily>(_text.Family("meshaspire_workflow_messages_sent_total"));

        Assert.Equal(MetricType.Counter, openMetrics.Type);
        Assert.Equal(100, openMetrics.Samples.Single(sample => sample.Name == "meshaspire_workflow_messages_sent_total").Value);
        Assert.Equal(MetricType.Counter, text.Type);
        Assert.Equal(100, Assert.Single(text.Samples).Value);
        Assert.Equal("Messages handed to the next hop.", text.Help);
    }

    [Fact]
    public void A_reason_with_quotes_and_a_backslash_reads_back_unescaped_in_both_formats()
    {
        var openMetrics = _openMetrics.Family("meshaspire_workflow_messages_failed")!.Samples[0];
        var text = Assert.Single(_text.Family("meshaspire_workflow_messages_failed_total")!.Samples);

        Assert.Equal("timeout \"hop\" \\ 2", openMetrics.Label("reason"));
        Assert.Equal("timeout \"hop\" \\ 2", text.Label("reason"));
        Assert.Equal(3, text.Value);
    }

    [Fact]
    public void Target_info_is_an_info_family_in_OpenMetrics_and_a_gauge_in_0_0_4()
    {
        Assert.Equal(MetricType.Info, _openMetrics.Family("target")!.Type);
        Assert.Equal("unknown_service:OtelCapture", Assert.Single(_openMetrics.Family("target")!.Samples).Label("service_name"));
        Assert.Equal(MetricType.Gauge, _text.Family("target_info")!.Type);
    }

    [Fact]
    public void Metadata_written_type_unit_help_is_read_in_that_order()
    {
        var family = Assert.IsType<MetricFamily>(_openMetrics.Family("aspnetcore_memory_pool_pooled_bytes"));

        Assert.Equal(MetricType.Gauge, family.Type);
        Assert.Equal("bytes", family.Unit);
        Assert.Equal("Number of bytes currently pooled and available for reuse.", family.Help);
        Assert.Equal(32768, Assert.Single(family.Samples).Value);
    }
}
