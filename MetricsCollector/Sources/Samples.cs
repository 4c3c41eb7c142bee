using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Sources;

internal static class Samples
{
    /// <summary>Every sample of a parse, in order; lines the parser could not read are left out (the parser keeps the rest).</summary>
    public static IReadOnlyList<MetricSample> Of(ExpositionParseResult parsed)
    {
        var count = 0;
        foreach (var family in parsed.Families)
        {
            count += family.Samples.Count;
        }

        var samples = new MetricSample[count];
        var i = 0;
        foreach (var family in parsed.Families)
        {
            foreach (var sample in family.Samples)
            {
                samples[i++] = sample;
            }
        }

        return samples;
    }
}
