using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

public class ExpositionErrorTests
{
    [Theory]
    [InlineData("x{a=\"b} 1", "'\"' closing the value of label 'a'")]
    [InlineData("x{a=\"\\t\"} 1", "not '\\t'")]
    [InlineData("x{1a=\"b\"} 1", "a label name at column 3")]
    [InlineData("x{a=\"b\",a=\"c\"} 1", "label name 'a' only once")]
    [InlineData("x{a \"b\"} 1", "'=' after label name 'a'")]
    [InlineData("x", "a space before the value at the end of the line")]
    [InlineData("x one", "a number, NaN, +Inf or -Inf as the value, not 'one'")]
    [InlineData("x 1 2 3", "the end of the line after the timestamp")]
    [InlineData("x 1 # {a=\"b\"} 1", "the end of the line after the timestamp")]
    [InlineData("9x 1", "a metric name at column 1")]
    [InlineData("x 1 99999999999999999999", "whole milliseconds")]
    public void A_bad_line_is_reported_with_its_number_and_what_was_expected_and_the_rest_is_kept(string badLine, string expected)
    {
        var result = PrometheusTextParser.Parse($"# TYPE ok gauge\nok 1\n{badLine}\nafter 2\n", ExpositionFormat.PrometheusText);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("expected", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 3: ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["ok", "after"], result.Families.Select(family => family.Name));
    }

    [Theory]
    [InlineData("x{a=\"b\",} 1", "a label name")]
    [InlineData("x {a=\"b\"} 1", "a number")]
    [InlineData("x 1 ", "a timestamp or an exemplar after the space")]
    [InlineData("c_total 1 # {a=\"b\"}", "a space before the exemplar's value")]
    [InlineData("c_total 1 #{a=\"b\"} 1", "a space after '#' of the exemplar")]
    [InlineData("c_total 1 1.5 # {a=\"b\"} 1 2 3", "the end of the line after the exemplar's timestamp")]
    [InlineData("c_total NaN 1e400", "a timestamp in seconds")]
    public void OpenMetrics_lines_are_held_to_its_stricter_grammar(string badLine, string expected)
    {
        var result = PrometheusTextParser.Parse($"# TYPE c counter\nc_total 1\n{badLine}\n# EOF\n", ExpositionFormat.OpenMetrics);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(result.Family("c")!.Samples).Value);
    }

    [Fact]
    public void Garbage_yields_errors_never_an_exception()
    {
        var garbage = string.Concat(Enumerable.Range(0, 2000).Select(i => (char)(i * 7919 % 128)));

        var text = PrometheusTextParser.Parse(garbage, ExpositionFormat.PrometheusText);
        var openMetrics = PrometheusTextParser.Parse(garbage, ExpositionFormat.OpenMetrics);

        Assert.NotEmpty(text.Errors);
        Assert.NotEmpty(openMetrics.Errors);
        Assert.All(text.Errors.Concat(openMetrics.Errors), error => Assert.InRange(error.Line, 1, garbage.Count(c => c == '\n') + 2));
    }
}
