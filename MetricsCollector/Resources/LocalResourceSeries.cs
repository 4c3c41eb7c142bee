using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Resources;

/// <summary>
/// A local run's resource usage: each process's own CPU and memory read from the scrape it just gave (components
/// and broker) and the collector's own, as one <see cref="ScrapeKind.Resources"/> scrape per round of scrapes.
/// A target whose scrape failed has no sample in that round: a gap, as in its own series.
/// </summary>
public sealed class LocalResourceSeries
{
    public const string Target = "processes";
    public const string CollectorName = "collector";

    private readonly CpuRate _rates = new();

    /// <param name="collector">The collector process's own usage, read by the caller at <paramref name="at"/>.</param>
    public Scrape Read(string cluster, DateTimeOffset at, IEnumerable<(ScrapeTarget Target, Scrape Scrape)> round, ProcessUsage collector)
    {
        var samples = new List<MetricSample>();
        foreach (var (target, scrape) in round)
        {
            if (target.Kind is not (ScrapeKind.Component or ScrapeKind.Broker))
            {
                continue;
            }

            if (scrape.Failed)
            {
                _rates.Forget(target.Name);
                continue;
            }

            Add(samples, target.Name, target.Component, target.Container, target.Role, ProcessUsage.Read(scrape.Samples), at);
        }

        Add(samples, CollectorName, CollectorName, CollectorName, ResourceSeries.CollectorRole, collector, at);
        return new Scrape(cluster, Target, ScrapeKind.Resources, at, samples);
    }

    /// <summary>The collector process's own CPU seconds and working set, now.</summary>
    public static ProcessUsage OwnUsage() =>
        new(Environment.CpuUsage.TotalTime.TotalSeconds, null, Environment.WorkingSet);

    private void Add(List<MetricSample> samples, string series, string component, string container, string role, ProcessUsage usage, DateTimeOffset at)
    {
        IReadOnlyList<KeyValuePair<string, string>> labels =
        [
            new(ResourceSeries.Component, component),
            new(ResourceSeries.Container, container),
            new(ResourceSeries.Role, role),
        ];
        var cores = usage.CpuCores ?? (usage.CpuSeconds is { } seconds ? _rates.Cores(series, seconds, at) : null);
        if (cores is { } c)
        {
            samples.Add(new MetricSample(ResourceSeries.CpuCores, labels, c));
        }

        if (usage.MemoryBytes is { } memory)
        {
            samples.Add(new MetricSample(ResourceSeries.MemoryBytes, labels, memory));
        }
    }
}
