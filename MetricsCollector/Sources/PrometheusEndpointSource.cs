using System.Net.Http.Headers;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Sources;

/// <summary>
/// A target serving Prometheus text or OpenMetrics: GET, then parse as its Content-Type says, reusing the names and
/// label values of its earlier scrapes. One scrape at a time (the loop's rounds do not overlap).
/// </summary>
public sealed class PrometheusEndpointSource(HttpClient http, ScrapeTarget target) : IScrapeSource
{
    private readonly ExpositionStringPool _strings = new();

    private static readonly MediaTypeWithQualityHeaderValue[] Accept =
        ExpositionContentType.Accept.Split(',').Select(MediaTypeWithQualityHeaderValue.Parse).ToArray();

    public ScrapeTarget Target { get; } = target;

    public async Task<IReadOnlyList<MetricSample>> ReadAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Target.Address);
        foreach (var accept in Accept)
        {
            request.Headers.Accept.Add(accept);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ScrapeFailedException($"{Target.Address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var format = ExpositionContentType.Detect(response.Content.Headers.ContentType?.ToString());
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parsed = await PrometheusTextParser.ParseAsync(body, format, _strings, cancellationToken);
        return Samples.Of(parsed);
    }
}
