using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

/// <summary>Envoy's and linkerd-proxy's formats as documented (no Envoy or linkerd-proxy runs here).</summary>
public class DocumentedFormatTests
{
    [Fact]
    public void Envoy_histograms_with_empty_label_braces_gather_into_one_family()
    {
        var result = ExpositionFixtures.Parse("envoy-documented", ExpositionFormat.PrometheusText);

        var family = Assert.IsType<MetricFamily>(result.Family("envoy_server_initialization_time_ms"));
        Assert.Equal(MetricType.Histogram, family.Type);
        Assert.Null(family.Help);
        Assert.Equal(20, family.Samples.Count(sample => sample.Name.EndsWith("_bucket", StringComparison.Ordinal)));
        var sum = Assert.Single(family.Samples, sample => sample.Name == "envoy_server_initialization_time_ms_sum");
        Assert.Empty(sum.Labels);
        Assert.Equal(43, sum.Value);
        Assert.Empty(Assert.Single(result.Family("envoy_server_live")!.Samples).Labels);
    }

    [Fact]
    public void Envoy_cluster_names_with_pipes_are_plain_label_values()
    {
        var result = ExpositionFixtures.Parse("envoy-documented", ExpositionFormat.PrometheusText);

        var requests = result.Family("envoy_cluster_upstream_rq_total")!;
        Assert.Equal(MetricType.Counter, requests.Type);
        Assert.Equal(1498, requests.Samples.Single(sample => sample.Label("envoy_cluster_name") == "inbound|8080||").Value);
    }

    [Fact]
    public void Linkerd_latency_histogram_keeps_its_many_labels_and_the_inf_bucket_equals_the_count()
    {
        var result = ExpositionFixtures.Parse("linkerd-proxy-documented", ExpositionFormat.PrometheusText);

        var family = Assert.IsType<MetricFamily>(result.Family("response_latency_ms"));
        var inf = Assert.Single(family.Samples, sample => sample.Label("le") == "+Inf");
        var count = Assert.Single(family.Samples, sample => sample.Name == "response_latency_ms_count");
        Assert.Equal(1498, inf.Value);
        Assert.Equal(inf.Value, count.Value);
        Assert.Equal("inbound", count.Label("direction"));
        Assert.Equal("Elapsed times between a request's headers being received and its response stream completing", family.Help);
        Assert.Equal("", Assert.Single(result.Family("response_total")!.Samples).Label("error"));
    }
}
