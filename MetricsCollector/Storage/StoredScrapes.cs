using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>
/// What every store keeps of a scrape, so that any store reads back the same scrape: times in UTC, the scrape's to
/// the microsecond (PostgreSQL's resolution) and a sample's own to the millisecond (Prometheus text's); samples
/// grouped by name in order of first appearance (as the Prometheus text parser gathers them); no exemplars; a failed
/// scrape without samples.
/// </summary>
public static class StoredScrapes
{
    public static Scrape Normalise(Scrape scrape) => scrape with
    {
        At = ToMicroseconds(scrape.At),
        Samples = scrape.Failed ? [] : GroupedByName(scrape.Samples),
    };

    /// <summary>The order stores give scrapes back in: time, then cluster, then target.</summary>
    public static int Compare(Scrape a, Scrape b)
    {
        var order = a.At.CompareTo(b.At);
        order = order != 0 ? order : string.CompareOrdinal(a.Cluster, b.Cluster);
        return order != 0 ? order : string.CompareOrdinal(a.Target, b.Target);
    }

    public static DateTimeOffset ToMicroseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % (TimeSpan.TicksPerMillisecond / 1000)), TimeSpan.Zero);
    }

    public static DateTimeOffset ToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static MetricSample[] GroupedByName(IReadOnlyList<MetricSample> samples)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var grouped = new List<List<MetricSample>>();
        foreach (var sample in samples)
        {
            if (!order.TryGetValue(sample.Name, out var group))
            {
                group = grouped.Count;
                order[sample.Name] = group;
                grouped.Add([]);
            }

            grouped[group].Add(sample with
            {
                Timestamp = sample.Timestamp is { } at ? ToMilliseconds(at) : null,
                Exemplar = null,
            });
        }

        return grouped.SelectMany(group => group).ToArray();
    }
}
