using System.Diagnostics.CodeAnalysis;
using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>
/// What every store keeps of a scrape, so that any store reads back the same scrape: times in UTC, the scrape's to
/// the microsecond (PostgreSQL's resolution) and a sample's own to the millisecond (Prometheus text's); samples
/// grouped by name in order of first appearance (as the Prometheus text parser gathers them); no exemplars; a failed
/// scrape without samples; a NUL character in a name, label or failure (valid in a target's text, refused by
/// PostgreSQL's text type) as U+FFFD.
/// </summary>
public static class StoredScrapes
{
    private const char Nul = '\0';
    private const char Replacement = '\uFFFD';

    public static Scrape Normalise(Scrape scrape) => scrape with
    {
        At = ToMicroseconds(scrape.At),
        Samples = scrape.Failed ? [] : GroupedByName(scrape.Samples),
        Failure = WithoutNul(scrape.Failure),
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

    private static IReadOnlyList<MetricSample> GroupedByName(IReadOnlyList<MetricSample> samples)
    {
        if (IsStoredAsIs(samples))
        {
            return samples;
        }

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

            grouped[group].Add(NeedsChange(sample) ? Stored(sample) : sample);
        }

        return grouped.SelectMany(group => group).ToArray();
    }

    /// <summary>Whether the samples are already grouped by name and need no change: the common case, kept without copying.</summary>
    private static bool IsStoredAsIs(IReadOnlyList<MetricSample> samples)
    {
        HashSet<string>? finished = null;
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (NeedsChange(sample))
            {
                return false;
            }

            if (i > 0 && samples[i - 1].Name != sample.Name)
            {
                finished ??= new HashSet<string>(StringComparer.Ordinal);
                if (!finished.Add(samples[i - 1].Name) || finished.Contains(sample.Name))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool NeedsChange(MetricSample sample) =>
        sample.Exemplar is not null
        || (sample.Timestamp is { } at && (at.Offset != TimeSpan.Zero || at.UtcTicks % TimeSpan.TicksPerMillisecond != 0))
        || HasNul(sample);

    private static MetricSample Stored(MetricSample sample) => sample with
    {
        Name = WithoutNul(sample.Name),
        Labels = HasNul(sample) ? [.. sample.Labels.Select(label => KeyValuePair.Create(WithoutNul(label.Key), WithoutNul(label.Value)))] : sample.Labels,
        Timestamp = sample.Timestamp is { } at ? ToMilliseconds(at) : null,
        Exemplar = null,
    };

    private static bool HasNul(MetricSample sample)
    {
        if (sample.Name.Contains(Nul))
        {
            return true;
        }

        foreach (var label in sample.Labels)
        {
            if (label.Key.Contains(Nul) || label.Value.Contains(Nul))
            {
                return true;
            }
        }

        return false;
    }

    [return: NotNullIfNotNull(nameof(text))]
    private static string? WithoutNul(string? text) => text?.Replace(Nul, Replacement);
}
