using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class ExpositionContentTypeTests
{
    [Theory]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain; version=0.0.4", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    [InlineData("", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text; version=0.0.1; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("Application/OpenMetrics-Text", ExpositionFormat.OpenMetrics)]
    public void The_media_type_decides_the_format(string? contentType, ExpositionFormat expected) =>
        Assert.Equal(expected, ExpositionContentType.Detect(contentType));

    [Fact]
    public void Accept_prefers_OpenMetrics_and_still_takes_the_text_format()
    {
        var accept = System.Net.Http.Headers.MediaTypeWithQualityHeaderValue.Parse(ExpositionContentType.Accept.Split(',')[0]);
        Assert.Equal("application/openmetrics-text", accept.MediaType);
        Assert.Contains("text/plain;version=0.0.4", ExpositionContentType.Accept, StringComparison.Ordinal);
    }
}
