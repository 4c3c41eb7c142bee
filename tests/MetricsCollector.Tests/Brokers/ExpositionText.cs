using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

/// <summary>Reads back Prometheus text format 0.0.4 the way a scraper would, strictly enough to catch a malformed line.</summary>
internal static partial class ExpositionText
{
    /// <summary>The value of the one sample written exactly as <paramref name="series"/> (name and labels as in the text).</summary>
    public static double Value(string text, string series)
    {
        var lines = text.Split('\n').Where(line => line.StartsWith(series + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one sample '{series}', found {lines.Count} in:\n{text}");
        return double.Parse(lines[0][(series.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The type declared for <paramref name="metric"/>.</summary>
    public static string TypeOf(string text, string metric) =>
        text.Split('\n').Single(line => line.StartsWith($"# TYPE {metric} ", StringComparison.Ordinal))[$"# TYPE {metric} ".Length..];

    /// <summary>
    /// Every line is a HELP, a TYPE or a sample; each metric has one HELP and one TYPE, before its samples, which
    /// follow each other; label values are quoted with only valid escapes; the text ends with a line feed.
    /// </summary>
    public static void AssertWellFormed(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in text[..^1].Split('\n'))
        {
            if (Help().Match(line) is { Success: true } help)
            {
                current = help.Groups["name"].Value;
                Assert.True(declared.Add(current), $"metric {current} declared twice");
                continue;
            }

            if (Type().Match(line) is { Success: true } type)
            {
                Assert.Equal(current, type.Groups["name"].Value);
                continue;
            }

            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"not a valid sample line: {line}");
            Assert.Equal(current, sample.Groups["name"].Value);
        }
    }

    [GeneratedRegex(@"^# HELP (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?:[^\\\n]|\\\\|\\n)*$")]
    private static partial Regex Help();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)$")]
    private static partial Regex Type();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\\n]|\\\\|\\""|\\n)*""(,[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\\n]|\\\\|\\""|\\n)*"")*\})? (NaN|[+-]Inf|[-+]?[0-9.]+([eE][-+]?[0-9]+)?)$")]
    private static partial Regex Sample();
}
