namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>Which sample names belong to a family of a given type, in each format.</summary>
internal static class FamilySampleNames
{
    private static readonly string[] OpenMetricsCounter = ["_total", "_created"];
    private static readonly string[] OpenMetricsHistogram = ["_bucket", "_count", "_sum", "_created"];
    private static readonly string[] Histogram = ["_bucket", "_count", "_sum"];
    private static readonly string[] GaugeHistogram = ["_bucket", "_gcount", "_gsum"];
    private static readonly string[] OpenMetricsSummary = ["", "_count", "_sum", "_created"];
    private static readonly string[] Summary = ["", "_count", "_sum"];
    private static readonly string[] Info = ["_info"];
    private static readonly string[] Plain = [""];

    public static IReadOnlyList<string> Suffixes(MetricType type, ExpositionFormat format) => (type, format) switch
    {
        (MetricType.Counter, ExpositionFormat.OpenMetrics) => OpenMetricsCounter,
        (MetricType.Histogram, ExpositionFormat.OpenMetrics) => OpenMetricsHistogram,
        (MetricType.Histogram, _) => Histogram,
        (MetricType.GaugeHistogram, _) => GaugeHistogram,
        (MetricType.Summary, ExpositionFormat.OpenMetrics) => OpenMetricsSummary,
        (MetricType.Summary, _) => Summary,
        (MetricType.Info, _) => Info,
        _ => Plain,
    };

    /// <summary>Whether the sample is the family's name plus one of its type's suffixes (read for every sample: no allocation).</summary>
    public static bool Belongs(string sampleName, string familyName, MetricType type, ExpositionFormat format)
    {
        if (!sampleName.StartsWith(familyName, StringComparison.Ordinal))
        {
            return false;
        }

        var suffix = sampleName.AsSpan(familyName.Length);
        foreach (var known in (string[])Suffixes(type, format))
        {
            if (suffix.SequenceEqual(known))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names a family that owns <paramref name="sampleName"/> could have: itself, or itself less a known suffix.</summary>
    public static IEnumerable<string> CandidateFamilyNames(string sampleName)
    {
        yield return sampleName;
        foreach (var suffix in (string[])["_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"])
        {
            if (sampleName.Length > suffix.Length && sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                yield return sampleName[..^suffix.Length];
            }
        }
    }

    public static string Describe(string familyName, MetricType type, ExpositionFormat format) =>
        string.Join(", ", Suffixes(type, format).Select(suffix => familyName + suffix));
}
