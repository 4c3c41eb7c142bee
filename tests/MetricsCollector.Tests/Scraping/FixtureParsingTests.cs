using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class FixtureParsingTests
{
    [Theory]
    [InlineData("rabbitmq-3.10.8-metrics", ExpositionFormat.PrometheusText)]
    [InlineData("prometheus-2.42.0-metrics", ExpositionFormat.PrometheusText)]
    [InlineData("prometheus-2.42.0-federate", ExpositionFormat.PrometheusText)]
    [InlineData("python-client-0.16.0-text", ExpositionFormat.PrometheusText)]
    [InlineData("python-client-0.16.0-openmetrics", ExpositionFormat.OpenMetrics)]
    [InlineData("otel-dotnet-1.20.1-text", ExpositionFormat.PrometheusText)]
    [InlineData("otel-dotnet-1.20.1-openmetrics", ExpositionFormat.OpenMetrics)]
    [InlineData("envoy-documented", ExpositionFormat.PrometheusText)]
    [InlineData("linkerd-proxy-documented", ExpositionFormat.PrometheusText)]
    public void Every_valid_fixture_parses_without_errors_and_keeps_every_sample_line(string name, ExpositionFormat format)
    {
        var text = ExpositionFixtures.Text(name);

        var result = PrometheusTextParser.Parse(text, format);

        Assert.Empty(result.Errors);
        var sampleLines = text.Split('\n').Count(line => line.Length > 0 && !line.StartsWith('#'));
        Assert.Equal(sampleLines, result.Families.Sum(family => family.Samples.Count));
    }

    [Theory]
    [InlineData("prometheus-2.42.0-metrics", ExpositionFormat.PrometheusText)]
    [InlineData("python-client-0.16.0-openmetrics", ExpositionFormat.OpenMetrics)]
    [InlineData("otel-dotnet-1.20.1-openmetrics", ExpositionFormat.OpenMetrics)]
    [InlineData("otel-dotnet-1.20.1-text", ExpositionFormat.PrometheusText)]
    [InlineData("envoy-documented", ExpositionFormat.PrometheusText)]
    [InlineData("linkerd-proxy-documented", ExpositionFormat.PrometheusText)]
    public void Every_histogram_in_a_capture_ends_in_an_inf_bucket_equal_to_its_count(string name, ExpositionFormat format)
    {
        var result = ExpositionFixtures.Parse(name, format);

        var histograms = result.Families.Where(family => family.Type == MetricType.Histogram && family.Samples.Count > 0).ToArray();
        Assert.NotEmpty(histograms);
        foreach (var family in histograms)
        {
            var infBuckets = family.Samples.Where(sample => sample.Name == family.Name + "_bucket" && sample.Label("le") == "+Inf").ToArray();
            var counts = family.Samples.Where(sample => sample.Name == family.Name + "_count").ToArray();
            Assert.Equal(counts.Length, infBuckets.Length);
            Assert.Equal(counts.Select(count => count.Value), infBuckets.Select(bucket => bucket.Value));
        }
    }
}
