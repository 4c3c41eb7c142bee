using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Sources;

namespace MeshAspire.Bench.Scraping;

/// <summary>The HTTP part of a scrape alone (GET, read the body, parse nothing), to tell its cost from the parser's.</summary>
internal sealed class FetchOnlySource(HttpClient http, ScrapeTarget target) : IScrapeSource
{
    private readonly byte[] _buffer = new byte[1 << 16];

    public ScrapeTarget Target { get; } = target;

    public async Task<IReadOnlyList<MetricSample>> ReadAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Target.Address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        while (await body.ReadAsync(_buffer, cancellationToken) > 0)
        {
        }

        return [];
    }
}
