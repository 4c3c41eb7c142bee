using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

/// <summary>A target's names and label values read once and handed out again in its later scrapes.</summary>
public sealed class ExpositionStringPoolTests
{
    [Fact]
    public void A_second_parse_with_the_pool_gives_the_same_samples_built_from_the_first_ones_strings()
    {
        var text = ExpositionFixtures.Text("otel-dotnet-1.20.1-text");
        var pool = new ExpositionStringPool();

        var first = Samples(Parse(text, pool));
        var second = Samples(Parse(text, pool));
        var unpooled = Samples(PrometheusTextParser.Parse(text, ExpositionFormat.PrometheusText));

        Assert.Equal(unpooled.Select(Describe), second.Select(Describe));
        Assert.All(first.Zip(second), pair =>
        {
            Assert.Same(pair.First.Name, pair.Second.Name);
            Assert.All(pair.First.Labels.Zip(pair.Second.Labels), labels => Assert.Same(labels.First.Value, labels.Second.Value));
        });
    }

    [Fact]
    public void A_label_set_written_the_same_way_again_is_handed_out_again()
    {
        var pool = new ExpositionStringPool();
        var text = "x{a=\"1\",b=\"2\"} 1\nx{a=\"1\",b=\"3\"} 2\n";

        var first = Samples(Parse(text, pool));
        var second = Samples(Parse(text, pool));

        Assert.Same(first[0].Labels, second[0].Labels);
        Assert.Same(first[1].Labels, second[1].Labels);
        Assert.Equal("3", second[1].Label("b"));
    }

    [Fact]
    public void A_brace_inside_a_quoted_label_value_does_not_end_the_label_set_read_from_the_pool()
    {
        var pool = new ExpositionStringPool();
        var text = "x{a=\"}\\\"}\",b=\"{\"} 1\n";

        var first = Samples(Parse(text, pool)).Single();
        var again = Samples(Parse(text, pool)).Single();

        Assert.Same(first.Labels, again.Labels);
        Assert.Equal("}\"}", again.Label("a"));
        Assert.Equal("{", again.Label("b"));
        Assert.Equal(1, again.Value);
    }

    [Fact]
    public void A_label_set_pooled_from_prometheus_text_is_read_again_under_openmetrics_rules()
    {
        var pool = new ExpositionStringPool();
        var labels = "{a=\"1\",}";
        Parse($"x{labels} 1\n", pool);

        var parser = new PrometheusTextParser(ExpositionFormat.OpenMetrics, pool);
        parser.Append($"x{labels} 1\n# EOF\n");
        var openMetrics = parser.Complete();

        Assert.Equal(1, Assert.Single(openMetrics.Errors).Line);
    }

    [Fact]
    public void Escaped_label_values_are_unescaped_with_or_without_the_pool()
    {
        var text = "x{a=\"plain\",b=\"q\\\"uote\\\\ and\\nline\"} 1\n";

        var sample = Samples(Parse(text, new ExpositionStringPool())).Single();

        Assert.Equal("plain", sample.Label("a"));
        Assert.Equal("q\"uote\\ and\nline", sample.Label("b"));
    }

    [Fact]
    public void Past_its_capacity_the_pool_starts_over()
    {
        var pool = new ExpositionStringPool();
        for (var i = 0; i < ExpositionStringPool.Capacity; i++)
        {
            pool.Get($"s{i}");
        }

        var kept = pool.Get("s1");
        pool.Get("one more");

        Assert.Equal(1, pool.Count);
        Assert.NotSame(kept, pool.Get("s1"));
    }

    private static ExpositionParseResult Parse(string text, ExpositionStringPool pool)
    {
        var parser = new PrometheusTextParser(ExpositionFormat.PrometheusText, pool);
        parser.Append(text);
        return parser.Complete();
    }

    private static MetricSample[] Samples(ExpositionParseResult parsed) => parsed.Families.SelectMany(f => f.Samples).ToArray();

    private static string Describe(MetricSample s) => $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}";
}
