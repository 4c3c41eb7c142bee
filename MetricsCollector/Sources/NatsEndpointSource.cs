using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Sources;

/// <summary>
/// A NATS server's monitoring documents converted to samples. One document that fails costs only its samples
/// (<c>nats_monitoring_up{document}</c> says so); every document failing is a failed scrape.
/// </summary>
public sealed class NatsEndpointSource(HttpClient http, ScrapeTarget target) : IScrapeSource
{
    private readonly NatsMonitoringSource _monitoring = new(http, target.Address);

    public ScrapeTarget Target { get; } = target;

    public async Task<IReadOnlyList<MetricSample>> ReadAsync(CancellationToken cancellationToken)
    {
        var scrape = await _monitoring.ScrapeAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (scrape.Failures.Count == NatsMonitoringDocument.All.Count)
        {
            throw new ScrapeFailedException(string.Join("; ", scrape.Failures.Select(f => f.Reason)));
        }

        return Samples.Of(PrometheusTextParser.Parse(scrape.Text, ExpositionFormat.PrometheusText));
    }
}
