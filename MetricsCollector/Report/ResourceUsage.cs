using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>One resource sample, or a gap (null) where its target was scraped without giving it.</summary>
public readonly record struct ResourcePoint(DateTimeOffset At, double? Value);

/// <summary>One normalised resource series (<see cref="ResourceSeries"/>) of one container or process.</summary>
/// <param name="Metric"><see cref="ResourceSeries.CpuCores"/> or <see cref="ResourceSeries.MemoryBytes"/>.</param>
public sealed record ResourceTrack(string Metric, string Cluster, string Component, string Container, string Role, IReadOnlyList<ResourcePoint> Points)
{
    /// <summary>How the series is named in the report: component, container when it differs, cluster when not local.</summary>
    public string Name =>
        (Cluster == "local" ? "" : Cluster + ":") + Component + (Container.Length == 0 || Container == Component ? "" : "/" + Container);

    /// <summary>The mean of the samples taken from <paramref name="from"/> to <paramref name="to"/>, or of every sample when none was.</summary>
    public (double Mean, int Samples) Mean(DateTimeOffset? from, DateTimeOffset? to)
    {
        var (mean, samples) = MeanOf(p => (from is null || p.At >= from) && (to is null || p.At <= to));
        return samples > 0 ? (mean, samples) : MeanOf(_ => true);
    }

    private (double Mean, int Samples) MeanOf(Func<ResourcePoint, bool> within)
    {
        double sum = 0;
        var samples = 0;
        foreach (var point in Points)
        {
            if (point.Value is { } value && within(point))
            {
                sum += value;
                samples++;
            }
        }

        return (samples > 0 ? sum / samples : 0, samples);
    }
}

/// <summary>The resource usage of a run read from its scrapes, and what the report must say about failed scrapes.</summary>
public sealed record ResourceUsage(IReadOnlyList<ResourceTrack> Tracks, IReadOnlyList<string> Notes)
{
    public static readonly ResourceUsage Empty = new([], []);

    public static async Task<ResourceUsage> ReadAsync(IAsyncEnumerable<Scrape> scrapes, CancellationToken cancellationToken)
    {
        var builder = new ResourceUsageBuilder();
        await foreach (var scrape in scrapes.WithCancellation(cancellationToken))
        {
            builder.Add(scrape);
        }

        return builder.Build();
    }

    public static ResourceUsage From(IEnumerable<Scrape> scrapes)
    {
        var builder = new ResourceUsageBuilder();
        foreach (var scrape in scrapes)
        {
            builder.Add(scrape);
        }

        return builder.Build();
    }
}
