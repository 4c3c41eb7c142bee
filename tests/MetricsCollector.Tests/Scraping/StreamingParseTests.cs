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

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65536)]
    public async Task Utf8_bytes_read_a_few_at_a_time_give_the_same_families_as_the_text(int readSize)
    {
        var text = ExpositionFixtures.Text("rabbitmq-3.10.8-metrics-per-object") + "accented{name=\"café ünïcödé ✓ 𝄞\"} 1\n";
        var whole = PrometheusTextParser.Parse(text, ExpositionFormat.PrometheusText);
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(text)).ToArray();

        var fromStream = await PrometheusTextParser.ParseAsync(
            new TrickleStream(bytes, readSize), ExpositionFormat.PrometheusText, new ExpositionStringPool(), CancellationToken.None);

        Assert.Equal(whole.Errors, fromStream.Errors);
        Assert.Equal(Describe(whole), Describe(fromStream));
        Assert.Equal("café ünïcödé ✓ 𝄞", Assert.Single(fromStream.Family("accented")!.Samples).Label("name"));
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

    /// <summary>A stream that hands out at most a few bytes per read, splitting characters and lines anywhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(readSize, buffer.Length)], cancellationToken);
    }

    private static string Describe(ExpositionParseResult result) => string.Join("\n", result.Families.Select(family =>
        $"{family.Name} {family.Type} {family.Help} {family.Unit}: " + string.Join("; ", family.Samples.Select(sample =>
            $"{sample.Name}{{{string.Join(",", sample.Labels)}}} {sample.Value} {sample.Timestamp:O} {sample.Exemplar?.Value}"))));
}
