using System.Diagnostics.Metrics;
using MeshAspire.MetricsCollector.Discovery;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// The collector's own instruments, on its <c>/metrics</c> beside the process and runtime metrics every service has:
/// scrapes per target and outcome, how long each took, and how many targets it scrapes.
/// </summary>
public sealed class CollectorMetrics : IDisposable
{
    public const string MeterName = "MeshAspire.Collector";

    private readonly Meter _meter;
    private readonly Counter<long> _scrapes;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _samples;
    private int _targets;

    public CollectorMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _scrapes = _meter.CreateCounter<long>("meshaspire.collector.scrapes", "{scrape}", "Scrapes taken, by target and outcome (ok, failed).");
        _failures = _meter.CreateCounter<long>("meshaspire.collector.scrape.failures", "{scrape}", "Failed scrapes, by target.");
        _duration = _meter.CreateHistogram<double>("meshaspire.collector.scrape.duration", "s", "How long one scrape of one target took, failed or not.");
        _samples = _meter.CreateCounter<long>("meshaspire.collector.scrape.samples", "{sample}", "Samples read, by target.");
        _meter.CreateObservableGauge("meshaspire.collector.targets", () => Volatile.Read(ref _targets), "{target}", "Targets the collector scrapes.");
    }

    public void Targets(int count) => Volatile.Write(ref _targets, count);

    public void Scraped(ScrapeTarget target, double seconds, int samples, bool failed)
    {
        var cluster = new KeyValuePair<string, object?>("cluster", target.Cluster);
        var name = new KeyValuePair<string, object?>("target", target.Name);
        _scrapes.Add(1, cluster, name, new("kind", target.Kind.ToString().ToLowerInvariant()), new("outcome", failed ? "failed" : "ok"));
        _duration.Record(seconds, cluster, name);
        if (failed)
        {
            _failures.Add(1, cluster, name);
        }
        else
        {
            _samples.Add(samples, cluster, name);
        }
    }

    public void Dispose() => _meter.Dispose();
}
