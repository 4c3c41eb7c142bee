using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Sources;

/// <summary>Reads one discovered target once; throws <see cref="ScrapeFailedException"/> (or an HTTP error) when it cannot.</summary>
public interface IScrapeSource
{
    ScrapeTarget Target { get; }

    Task<IReadOnlyList<MetricSample>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>A target answered, but not with metrics (a status code, no document at all).</summary>
public sealed class ScrapeFailedException(string message) : Exception(message);
