using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

/// <summary>The expositions in Fixtures/prometheus, captured or written as its README.md says.</summary>
internal static class ExpositionFixtures
{
    public static string Text(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "prometheus", name + ".txt"));

    public static ExpositionParseResult Parse(string name, ExpositionFormat format) =>
        PrometheusTextParser.Parse(Text(name), format);

    /// <summary>The format a fixture is written in: OpenMetrics where its name ends in <c>-openmetrics</c>, else 0.0.4 text.</summary>
    public static ExpositionFormat FormatOf(string name) =>
        name.EndsWith("-openmetrics", StringComparison.Ordinal) ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;

    /// <summary>The samples of one series of a family, chosen by a label, in written order.</summary>
    public static IReadOnlyList<MetricSample> Series(MetricFamily family, string sampleName, string label, string value) =>
        family.Samples.Where(sample => sample.Name == sampleName && sample.Label(label) == value).ToArray();
}
