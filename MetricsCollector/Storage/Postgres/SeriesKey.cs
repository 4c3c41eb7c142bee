using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>A series: a metric name with its labels in written order. Equal names and labels are one series.</summary>
internal readonly struct SeriesKey(string name, IReadOnlyList<KeyValuePair<string, string>> labels) : IEquatable<SeriesKey>
{
    public string Name { get; } = name;

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = labels;

    public static SeriesKey Of(MetricSample sample) => new(sample.Name, sample.Labels);

    public bool Equals(SeriesKey other)
    {
        if (!string.Equals(Name, other.Name, StringComparison.Ordinal) || Labels.Count != other.Labels.Count)
        {
            return false;
        }

        for (var i = 0; i < Labels.Count; i++)
        {
            if (!string.Equals(Labels[i].Key, other.Labels[i].Key, StringComparison.Ordinal)
                || !string.Equals(Labels[i].Value, other.Labels[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is SeriesKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        for (var i = 0; i < Labels.Count; i++)
        {
            hash.Add(Labels[i].Key, StringComparer.Ordinal);
            hash.Add(Labels[i].Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
