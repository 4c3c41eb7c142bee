using MeshAspire.MetricsCollector.Brokers;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

public class PrometheusTextFormatTests
{
    [Fact]
    public void A_metric_is_its_help_its_type_and_its_samples_each_on_a_line()
    {
        var text = PrometheusTextFormat.Write(
        [
            new PrometheusFamily("m_total", PrometheusMetricType.Counter, "Things.", [new([new("a", "1"), new("b", "x")], 5), new([new("a", "2"), new("b", "y")], 6)]),
            PrometheusFamily.Single("g", PrometheusMetricType.Gauge, "Level.", 0.25),
        ]);

        Assert.Equal("""
            # HELP m_total Things.
            # TYPE m_total counter
            m_total{a="1",b="x"} 5
            m_total{a="2",b="y"} 6
            # HELP g Level.
            # TYPE g gauge
            g 0.25

            """.ReplaceLineEndings("\n"), text);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("µs ä", "µs ä")]
    public void Label_values_escape_backslash_quote_and_line_feed(string value, string escaped) =>
        Assert.Equal(escaped, PrometheusTextFormat.EscapeLabelValue(value));

    [Fact]
    public void Help_escapes_backslash_and_line_feed_but_not_quotes() =>
        Assert.Equal("say \"hi\"\\nthen \\\\", PrometheusTextFormat.EscapeHelp("say \"hi\"\nthen \\"));

    [Theory]
    [InlineData(238d, "238")]
    [InlineData(61_468_035_072d, "61468035072")]
    [InlineData(0.002219304, "0.002219304")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void Values_are_written_as_a_scraper_reads_them(double value, string text) =>
        Assert.Equal(text, PrometheusTextFormat.FormatValue(value));

    [Fact]
    public void A_metric_without_samples_is_left_out() =>
        Assert.Equal(string.Empty, PrometheusTextFormat.Write([new PrometheusFamily("empty", PrometheusMetricType.Gauge, "None.", [])]));

    [Theory]
    [InlineData("bad-name", "a")]
    [InlineData("9starts_with_digit", "a")]
    [InlineData("ok", "bad-label")]
    [InlineData("ok", "__reserved")]
    public void Names_the_format_does_not_allow_are_refused(string metric, string label) =>
        Assert.Throws<ArgumentException>(() => PrometheusTextFormat.Write([new PrometheusFamily(metric, PrometheusMetricType.Gauge, "x", [new([new(label, "v")], 1)])]));
}
