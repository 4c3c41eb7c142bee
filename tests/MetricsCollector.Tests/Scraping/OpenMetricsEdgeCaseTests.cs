using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

/// <summary>OpenMetrics 1.0's rules, each on the smallest exposition that shows it.</summary>
public class OpenMetricsEdgeCaseTests
{
    private static ExpositionParseResult Parse(string text) => PrometheusTextParser.Parse(text, ExpositionFormat.OpenMetrics);

    [Fact]
    public void Timestamps_are_seconds_kept_to_100_nanoseconds()
    {
        var result = Parse("""
            # TYPE x gauge
            x 1 1520879607.789
            x{a="b"} 2 1520879607.1234567
            # EOF
            """);

        Assert.Empty(result.Errors);
        var samples = Assert.Single(result.Families).Samples;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1520879607789), samples[0].Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1520879607).AddTicks(1_234_567), samples[1].Timestamp);
    }

    [Fact]
    public void A_counter_exemplar_with_and_without_a_timestamp_is_kept_on_its_sample()
    {
        var result = Parse("""
            # TYPE foo counter
            foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_created 1520430000.123
            foo_total{a="b"} 1 # {trace_id="oHg5SJYRHA0",span="x\"y"} 9.8 1520879607.789
            # EOF
            """);

        Assert.Empty(result.Errors);
        var samples = Assert.Single(result.Families).Samples;
        Assert.Equal(0.67, samples[0].Exemplar!.Value);
        Assert.Null(samples[0].Exemplar!.Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1520879607789), samples[0].Timestamp);
        Assert.Null(samples[1].Exemplar);
        Assert.Equal("x\"y", samples[2].Exemplar!.Labels[1].Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1520879607789), samples[2].Exemplar!.Timestamp);
        Assert.Null(samples[2].Timestamp);
    }

    [Fact]
    public void An_exemplar_on_a_gauge_is_an_error()
    {
        var result = Parse("""
            # TYPE g gauge
            g 1 # {trace_id="a"} 1
            # EOF
            """);

        Assert.Equal(2, Assert.Single(result.Errors).Line);
        Assert.Contains("exemplar", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exemplar_whose_labels_exceed_128_characters_is_an_error()
    {
        var result = Parse($"# TYPE c counter\nc_total 1 # {{trace_id=\"{new string('a', 121)}\"}} 1\n# EOF\n");

        Assert.Contains("128", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_unescapes_a_quote_too()
    {
        var result = Parse("""
            # HELP x say \"hi\"\nthen \\ go
            # TYPE x gauge
            x 1
            # EOF
            """);

        Assert.Empty(result.Errors);
        Assert.Equal("say \"hi\"\nthen \\ go", result.Family("x")!.Help);
    }

    [Fact]
    public void Unit_must_be_the_end_of_the_family_name()
    {
        var result = Parse("""
            # TYPE a_seconds gauge
            # UNIT a_seconds seconds
            a_seconds 1
            # TYPE b gauge
            # UNIT b seconds
            b 1
            # EOF
            """);

        Assert.Equal("seconds", result.Family("a_seconds")!.Unit);
        Assert.Equal(5, Assert.Single(result.Errors).Line);
        Assert.Null(result.Family("b")!.Unit);
    }

    [Fact]
    public void Unknown_families_and_samples_without_metadata_are_unknown()
    {
        var result = Parse("""
            # TYPE x unknown
            x 1
            y_total 2
            # EOF
            """);

        Assert.Empty(result.Errors);
        Assert.Equal([("x", MetricType.Unknown), ("y_total", MetricType.Unknown)], result.Families.Select(family => (family.Name, family.Type)));
    }

    [Fact]
    public void A_missing_EOF_is_an_error_after_the_last_line()
    {
        var result = Parse("# TYPE x gauge\nx 1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("# EOF", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(result.Family("x")!.Samples).Value);
    }

    [Fact]
    public void Lines_after_EOF_are_one_error_and_are_not_read()
    {
        var result = Parse("x 1\n# EOF\ny 2\nz 3\n");

        Assert.Equal(3, Assert.Single(result.Errors).Line);
        Assert.Equal(["x"], result.Families.Select(family => family.Name));
    }

    [Fact]
    public void Blank_lines_comments_and_a_double_space_are_errors_in_OpenMetrics()
    {
        var result = Parse("x 1\n\n# just a comment\ny  2\nz 3\n# EOF\n");

        Assert.Equal([2, 3, 4], result.Errors.Select(error => error.Line));
        Assert.Equal(["x", "z"], result.Families.Select(family => family.Name));
    }

    [Fact]
    public void A_counter_sample_without_total_is_an_error_naming_the_expected_names()
    {
        var result = Parse("""
            # TYPE c counter
            c 1
            c_total 2
            # EOF
            """);

        Assert.Equal(2, Assert.Single(result.Errors).Line);
        Assert.Contains("c_total, c_created", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(result.Family("c")!.Samples).Value);
    }

    [Fact]
    public void A_family_interleaved_with_another_is_an_error()
    {
        var result = Parse("""
            # TYPE h histogram
            h_bucket{le="+Inf"} 2
            # TYPE g gauge
            g 1
            h_count 2
            # EOF
            """);

        Assert.Equal(5, Assert.Single(result.Errors).Line);
        Assert.Equal(["h_bucket"], result.Family("h")!.Samples.Select(sample => sample.Name));
    }
}
