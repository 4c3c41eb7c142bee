using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class StreamingParseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Chunks_split_anywhere_give_the_same_families_as_the_whole_text(int chunkSize)
    {
        var text = ExpositionFixtures.Text("python-client-0.16.0-openmetrics");
        var whole = PrometheusTextParser.Parse(text, ExpositionFormat.OpenMetrics);

        var parser = new PrometheusTextParser(ExpositionFormat.OpenMetrics);
        for (var start = 0; start < text.Length; start += chunkSize)
        {
            parser.Append(text.AsSpan(start, Math.Min(chunkSize, text.Length - start)));
        }

        var chunked = parser.Complete();
        Assert.Empty(chunked.Errors);
        Assert.Equal(Describe(whole), Describe(chunked));
    }

    [Fact]
    public async Task A_reader_gives_the_same_families_as_the_text()
    {
        var text = ExpositionFixtures.Text("rabbitmq-3.10.8-metrics-per-object");
        var whole = PrometheusTextParser.Parse(text, ExpositionFormat.PrometheusText);

        var fromReader = PrometheusTextParser.Parse(new StringReader(text), ExpositionFormat.PrometheusText);
        var fromAsyncReader = await PrometheusTextParser.ParseAsync(new StringReader(text), ExpositionFormat.PrometheusText, CancellationToken.None);

        Assert.Equal(Describe(whole), Describe(fromReader));
        Assert.Equal(Describe(whole), Describe(fromAsyncReader));
        Assert.Equal(whole.Errors, fromAsyncReader.Errors);
    }

    [Fact]
    public void A_last_line_without_a_line_feed_is_read()
    {
        var result = PrometheusTextParser.Parse("x 1\ny 2", ExpositionFormat.PrometheusText);

        Assert.Equal(2, Assert.Single(result.Family("y")!.Samples).Value);
    }

    [Fact]
    public void A_carriage_return_is_not_a_line_end()
    {
        var result = PrometheusTextParser.Parse("x 1\r\ny 2\n", ExpositionFormat.PrometheusText);

        Assert.Equal(1, Assert.Single(result.Errors).Line);
        Assert.Equal(["y"], result.Families.Select(family => family.Name));
    }

    private static string Describe(ExpositionParseResult result) => string.Join("\n", result.Families.Select(family =>
        $"{family.Name} {family.Type} {family.Help} {family.Unit}: " + string.Join("; ", family.Samples.Select(sample =>
            $"{sample.Name}{{{string.Join(",", sample.Labels)}}} {sample.Value} {sample.Timestamp:O} {sample.Exemplar?.Value}"))));
}
