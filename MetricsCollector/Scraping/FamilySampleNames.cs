namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>Which sample names belong to a family of a given type, in each format.</summary>
internal static class FamilySampleNames
{
    public static IReadOnlyList<string> Suffixes(MetricType type, ExpositionFormat format) => (type, format) switch
    {
        (MetricType.Counter, ExpositionFormat.OpenMetrics) => ["_total", "_created"],
        (MetricType.Histogram, ExpositionFormat.OpenMetrics) => ["_bucket", "_count", "_sum", "_created"],
        (MetricType.Histogram, _) => ["_bucket", "_count", "_sum"],
        (MetricType.GaugeHistogram, _) => ["_bucket", "_gcount", "_gsum"],
        (MetricType.Summary, ExpositionFormat.OpenMetrics) => ["", "_count", "_sum", "_created"],
        (MetricType.Summary, _) => ["", "_count", "_sum"],
        (MetricType.Info, _) => ["_info"],
        _ => [""],
    };

    public static bool Belongs(string sampleName, string familyName, MetricType type, ExpositionFormat format) =>
        sampleName.StartsWith(familyName, StringComparison.Ordinal)
        && Suffixes(type, format).Contains(sampleName[familyName.Length..]);

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
