using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class FixtureParsingTests
{
    private static readonly string[] Valid =
    [
        "rabbitmq-3.10.8-metrics", "prometheus-2.42.0-metrics", "prometheus-2.42.0-federate", "python-client-0.16.0-text",
        "python-client-0.16.0-openmetrics", "otel-dotnet-1.20.1-text", "otel-dotnet-1.20.1-openmetrics", "envoy-documented",
        "linkerd-proxy-documented",
    ];

    /// <summary>
    /// Not RabbitMQ's metrics or Prometheus's federation (no histograms), not the Python client's 0.0.4 text (it
    /// writes a gauge histogram as a histogram with <c>_gcount</c> for its count).
    /// </summary>
    private static readonly string[] WithoutCountedHistograms = ["rabbitmq-3.10.8-metrics", "prometheus-2.42.0-federate", "python-client-0.16.0-text"];

    public static TheoryData<string> ValidFixtures => [.. Valid];

    public static TheoryData<string> FixturesWithCountedHistograms => [.. Valid.Except(WithoutCountedHistograms)];

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void Every_valid_fixture_parses_without_errors_and_keeps_every_sample_line(string name)
    {
        var text = ExpositionFixtures.Text(name);

        var result = PrometheusTextParser.Parse(text, ExpositionFixtures.FormatOf(name));

        Assert.Empty(result.Errors);
        var sampleLines = text.Split('\n').Count(line => line.Length > 0 && !line.StartsWith('#'));
        Assert.Equal(sampleLines, result.Families.Sum(family => family.Samples.Count));
    }

    [Theory]
    [MemberData(nameof(FixturesWithCountedHistograms))]
    public void Every_histogram_in_a_capture_ends_in_an_inf_bucket_equal_to_its_count(string name)
    {
        var result = ExpositionFixtures.Parse(name, ExpositionFixtures.FormatOf(name));

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
