using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class RabbitMqCaptureTests
{
    private const string UnescapedQueueLine = "rabbitmq_queue_messages_ready{vhost=\"/\",queue=\"odd \"name\" \\ here\"} 0";

    private readonly ExpositionParseResult _metrics = ExpositionFixtures.Parse("rabbitmq-3.10.8-metrics", ExpositionFormat.PrometheusText);

    [Fact]
    public void A_counter_keeps_its_type_help_and_exact_value()
    {
        var family = Assert.IsType<MetricFamily>(_metrics.Family("erlang_mnesia_committed_transactions"));

        Assert.Equal(MetricType.Counter, family.Type);
        Assert.Equal("Number of committed transactions.", family.Help);
        Assert.Equal(70, Assert.Single(family.Samples).Value);
    }

    [Fact]
    public void Untyped_families_and_labels_are_read_in_written_order()
    {
        var family = Assert.IsType<MetricFamily>(_metrics.Family("rabbitmq_build_info"));

        Assert.Equal(MetricType.Unknown, family.Type);
        var sample = Assert.Single(family.Samples);
        Assert.Equal(
            ["rabbitmq_version", "prometheus_plugin_version", "prometheus_client_version", "erlang_version"],
            sample.Labels.Select(label => label.Key));
        Assert.Equal("3.10.8", sample.Label("rabbitmq_version"));
        Assert.Equal(2, Assert.Single(_metrics.Family("rabbitmq_queues")!.Samples).Value);
    }

    [Fact]
    public void A_summary_gathers_its_count_and_sum_whose_labels_carry_a_content_type()
    {
        var family = Assert.IsType<MetricFamily>(_metrics.Family("telemetry_scrape_size_bytes"));

        Assert.Equal(MetricType.Summary, family.Type);
        Assert.Equal(["telemetry_scrape_size_bytes_count", "telemetry_scrape_size_bytes_sum"], family.Samples.Select(sample => sample.Name));
        Assert.Equal("text/plain; version=0.0.4", family.Samples[0].Label("content_type"));
        Assert.Equal(82829, family.Samples[1].Value);
    }

    [Fact]
    public void A_family_described_without_samples_is_kept_empty()
    {
        var family = Assert.IsType<MetricFamily>(_metrics.Family("erlang_vm_dist_recv_bytes"));

        Assert.Equal(MetricType.Gauge, family.Type);
        Assert.Empty(family.Samples);
    }

    [Fact]
    public void Per_object_lines_with_unescaped_quotes_are_errors_while_every_other_line_parses()
    {
        var text = ExpositionFixtures.Text("rabbitmq-3.10.8-metrics-per-object");
        var lines = text.Split('\n');
        var badLines = Enumerable.Range(1, lines.Length).Where(number => lines[number - 1].Contains("odd \"name\"", StringComparison.Ordinal)).ToArray();

        var result = PrometheusTextParser.Parse(text, ExpositionFormat.PrometheusText);

        Assert.Contains(UnescapedQueueLine, lines);
        Assert.Equal(22, badLines.Length);
        Assert.Equal(badLines, result.Errors.Select(error => error.Line));
        Assert.All(result.Errors, error => Assert.Contains("expected ',' or '}' after label 'queue'", error.Message, StringComparison.Ordinal));
        var ready = Assert.IsType<MetricFamily>(result.Family("rabbitmq_queue_messages_ready"));
        Assert.Equal(42, Assert.Single(ready.Samples, sample => sample.Label("queue") == "orders").Value);
        Assert.DoesNotContain(ready.Samples, sample => sample.Label("queue") != "orders");
    }
}
