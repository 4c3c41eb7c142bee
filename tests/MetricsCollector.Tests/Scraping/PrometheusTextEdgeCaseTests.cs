using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

/// <summary>The 0.0.4 text format's rules, each on the smallest exposition that shows it.</summary>
public class PrometheusTextEdgeCaseTests
{
    private static ExpositionParseResult Parse(string text) => PrometheusTextParser.Parse(text, ExpositionFormat.PrometheusText);

    [Fact]
    public void Label_values_unescape_backslash_quote_and_line_feed()
    {
        var result = Parse("""
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
            """);

        var sample = Assert.Single(Assert.Single(result.Families).Samples);
        Assert.Equal(@"C:\DIR\FILE.TXT", sample.Label("path"));
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", sample.Label("error"));
        Assert.Equal(1.458255915e9, sample.Value);
    }

    [Fact]
    public void Help_unescapes_backslash_and_line_feed_and_keeps_quotes()
    {
        var result = Parse("""
            # HELP x A "quoted" help\nover two lines with a \\ backslash
            x 1
            """);

        Assert.Equal("A \"quoted\" help\nover two lines with a \\ backslash", result.Family("x")!.Help);
    }

    [Fact]
    public void A_backslash_before_a_quote_in_help_is_an_error_in_0_0_4()
    {
        var result = Parse("""
            # HELP x say \"hi\"
            x 1
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("HELP", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(result.Family("x")!.Samples).Value);
    }

    [Fact]
    public void NaN_and_infinities_are_values_and_timestamps_are_milliseconds()
    {
        var result = Parse("""
            a NaN
            b +Inf 1395066363000
            c -Inf -1
            d 1e-3
            """);

        var values = result.Families.Select(family => Assert.Single(family.Samples)).ToArray();
        Assert.True(double.IsNaN(values[0].Value));
        Assert.Equal(double.PositiveInfinity, values[1].Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1395066363000), values[1].Timestamp);
        Assert.Equal(double.NegativeInfinity, values[2].Value);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(-1), values[2].Timestamp);
        Assert.Null(values[3].Timestamp);
        Assert.Equal(0.001, values[3].Value);
    }

    [Fact]
    public void A_fractional_timestamp_is_an_error_in_0_0_4()
    {
        var result = Parse("x 1 1395066363.5\ny 2\n");

        Assert.Equal(1, Assert.Single(result.Errors).Line);
        Assert.Contains("whole milliseconds", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(["y"], result.Families.Select(family => family.Name));
    }

    [Fact]
    public void Comments_blank_lines_tabs_and_a_trailing_comma_are_allowed()
    {
        var result = Parse("# a comment\n\n   \n# TYPE\tx  counter\nx{a=\"1\",}\t5\n# EOF is only a comment here\n");

        Assert.Empty(result.Errors);
        var family = Assert.Single(result.Families);
        Assert.Equal(MetricType.Counter, family.Type);
        Assert.Equal(5, Assert.Single(family.Samples).Value);
    }

    [Fact]
    public void Samples_before_their_TYPE_line_make_the_family_untyped_and_the_late_TYPE_is_an_error()
    {
        var result = Parse("""
            x 1
            # TYPE x counter
            x{a="b"} 2
            """);

        var family = Assert.Single(result.Families);
        Assert.Equal(MetricType.Unknown, family.Type);
        Assert.Equal([1.0, 2.0], family.Samples.Select(sample => sample.Value));
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("after its samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_TYPE_is_an_error_and_its_samples_stay_untyped()
    {
        var result = Parse("""
            # TYPE x gaugehistogram
            x 3
            """);

        Assert.Equal(1, Assert.Single(result.Errors).Line);
        Assert.Contains("counter, gauge, histogram, summary or untyped", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(MetricType.Unknown, Assert.Single(result.Families).Type);
    }

    [Fact]
    public void A_summary_gathers_quantiles_sum_and_count()
    {
        var result = Parse("""
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds{quantile="0.99"} 76656
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """);

        var family = Assert.Single(result.Families);
        Assert.Equal(MetricType.Summary, family.Type);
        Assert.Equal(["0.5", "0.99", null, null], family.Samples.Select(sample => sample.Label("quantile")));
        Assert.Equal(2693, family.Samples[^1].Value);
    }

    [Fact]
    public void Samples_of_a_histogram_written_apart_are_gathered_into_it()
    {
        var result = Parse("""
            # TYPE h histogram
            h_bucket{le="+Inf"} 2
            # TYPE g gauge
            g 1
            h_count 2
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(["h_bucket", "h_count"], result.Family("h")!.Samples.Select(sample => sample.Name));
    }

    [Fact]
    public void A_second_TYPE_or_HELP_for_a_family_is_an_error()
    {
        var result = Parse("""
            # HELP x one
            # HELP x two
            # TYPE x gauge
            # TYPE x counter
            x 1
            """);

        Assert.Equal([2, 4], result.Errors.Select(error => error.Line));
        var family = Assert.Single(result.Families);
        Assert.Equal(("one", MetricType.Gauge), (family.Help, family.Type));
    }

    [Fact]
    public void Leading_blanks_are_allowed_and_error_columns_count_them()
    {
        var result = Parse("  x 1\n  y{a=\"b\" c=\"d\"} 2\n");

        Assert.Equal(1, Assert.Single(result.Family("x")!.Samples).Value);
        Assert.Equal("expected ',' or '}' after label 'a' at column 11", Assert.Single(result.Errors).Message);
    }
}
