using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// Reads scrapes one by one, keeping only the normalised resource samples and each target's scrape times, so a
/// run's scrapes never need to be in memory at once. A series has a gap wherever its target was scraped (failed, or
/// answered without it) after the series' first sample.
/// </summary>
internal sealed class ResourceUsageBuilder
{
    private readonly Dictionary<(string Cluster, string Target), TargetScrapes> _targets = [];
    private readonly Dictionary<TrackKey, Track> _tracks = [];

    public void Add(Scrape scrape)
    {
        var targetKey = (scrape.Cluster, scrape.Target);
        if (!_targets.TryGetValue(targetKey, out var target))
        {
            _targets[targetKey] = target = new TargetScrapes(scrape.Kind);
        }

        target.Times.Add(scrape.At);
        if (scrape.Failed)
        {
            target.Failed++;
            target.FirstFailure ??= $"{scrape.At:HH:mm:ss}: {scrape.Failure}";
            return;
        }

        if (scrape.Kind == ScrapeKind.Nodes)
        {
            return;
        }

        foreach (var sample in scrape.Samples)
        {
            if (sample.Name is not (ResourceSeries.CpuCores or ResourceSeries.MemoryBytes))
            {
                continue;
            }

            var key = new TrackKey(
                sample.Name,
                scrape.Cluster,
                sample.Label(ResourceSeries.Component) ?? scrape.Target,
                sample.Label(ResourceSeries.Container) ?? "",
                sample.Label(ResourceSeries.Role) ?? RoleOf(scrape.Kind));
            if (!_tracks.TryGetValue(key, out var track))
            {
                _tracks[key] = track = new Track(targetKey);
            }

            track.Samples.Add((scrape.At, sample.Value));
        }
    }

    public ResourceUsage Build()
    {
        var tracks = _tracks
            .OrderBy(t => t.Key.Metric, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Role, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Cluster, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Component, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Container, StringComparer.Ordinal)
            .Select(t => new ResourceTrack(t.Key.Metric, t.Key.Cluster, t.Key.Component, t.Key.Container, t.Key.Role, WithGaps(t.Value)))
            .ToArray();
        var notes = _targets
            .Where(t => t.Value.Failed > 0)
            .OrderBy(t => t.Key.Cluster, StringComparer.Ordinal).ThenBy(t => t.Key.Target, StringComparer.Ordinal)
            .Select(t => $"{t.Key.Cluster}/{t.Key.Target} ({t.Value.Kind.ToString().ToLowerInvariant()}): {t.Value.Failed} of {t.Value.Times.Count} scrapes failed, first at {t.Value.FirstFailure}; its series have gaps there")
            .ToArray();
        return new ResourceUsage(tracks, notes);
    }

    private static string RoleOf(ScrapeKind kind) => kind switch
    {
        ScrapeKind.Sidecar => ResourceSeries.SidecarRole,
        ScrapeKind.Broker => ResourceSeries.BrokerRole,
        ScrapeKind.Collector => ResourceSeries.CollectorRole,
        _ => ResourceSeries.ApplicationRole,
    };

    /// <summary>The track's samples at every scrape of its target from its first sample on, null where it gave none.</summary>
    private List<ResourcePoint> WithGaps(Track track)
    {
        var times = _targets[track.Target].Times;
        var points = new List<ResourcePoint>(times.Count);
        var next = 0;
        var first = track.Samples[0].At;
        foreach (var at in times)
        {
            if (at < first)
            {
                continue;
            }

            while (next < track.Samples.Count && track.Samples[next].At < at)
            {
                points.Add(new ResourcePoint(track.Samples[next].At, track.Samples[next].Value));
                next++;
            }

            if (next < track.Samples.Count && track.Samples[next].At == at)
            {
                points.Add(new ResourcePoint(at, track.Samples[next].Value));
                next++;
            }
            else
            {
                points.Add(new ResourcePoint(at, null));
            }
        }

        for (; next < track.Samples.Count; next++)
        {
            points.Add(new ResourcePoint(track.Samples[next].At, track.Samples[next].Value));
        }

        return points;
    }

    private sealed record TrackKey(string Metric, string Cluster, string Component, string Container, string Role);

    private sealed class Track((string Cluster, string Target) target)
    {
        public (string Cluster, string Target) Target { get; } = target;

        public List<(DateTimeOffset At, double Value)> Samples { get; } = [];
    }

    private sealed class TargetScrapes(ScrapeKind kind)
    {
        public ScrapeKind Kind { get; } = kind;

        public List<DateTimeOffset> Times { get; } = [];

        public int Failed { get; set; }

        public string? FirstFailure { get; set; }
    }
}
