using System.Text.Json;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>
/// Reads <c>/varz</c>, <c>/connz</c> and <c>/jsz</c> from a NATS server's monitoring address at once and turns them
/// into Prometheus samples. A document that fails does not cost the others their samples.
/// </summary>
public sealed class NatsMonitoringSource(HttpClient http, Uri monitoringAddress)
{
    private const string UpMetric = "nats_monitoring_up";

    /// <summary>The address with a trailing slash, so that the documents resolve under a base path (<c>http_base_path</c>).</summary>
    public Uri MonitoringAddress { get; } = monitoringAddress.AbsoluteUri.EndsWith('/') ? monitoringAddress : new Uri(monitoringAddress.AbsoluteUri + "/");

    public async Task<NatsMonitoringScrape> ScrapeAsync(CancellationToken cancellationToken)
    {
        var reads = await Task.WhenAll(NatsMonitoringDocument.All.Select(document => ReadAsync(document, cancellationToken)));

        var families = reads.SelectMany(read => read.Families).ToList();
        families.Add(new PrometheusFamily(UpMetric, PrometheusMetricType.Gauge, "1 when the monitoring document was read and converted in this scrape, else 0.",
            reads.Select(read => new PrometheusSample([new("document", read.Document.Name)], read.Failure is null ? 1 : 0)).ToList()));
        var failures = reads.Where(read => read.Failure is not null).Select(read => new NatsDocumentFailure(read.Document.Name, read.Failure!)).ToList();
        return new NatsMonitoringScrape(PrometheusTextFormat.Write(families), failures);
    }

    private async Task<DocumentRead> ReadAsync(NatsMonitoringDocument document, CancellationToken cancellationToken)
    {
        var address = new Uri(MonitoringAddress, document.Name);
        try
        {
            using var response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return DocumentRead.Failed(document, $"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return new DocumentRead(document, document.Convert(json.RootElement).ToList(), null);
        }
        catch (HttpRequestException error)
        {
            return DocumentRead.Failed(document, $"{address}: {error.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DocumentRead.Failed(document, $"{address}: no answer within {http.Timeout.TotalSeconds:0.#} s");
        }
        catch (JsonException error)
        {
            return DocumentRead.Failed(document, $"{address}: not JSON ({error.Message})");
        }
    }

    private sealed record DocumentRead(NatsMonitoringDocument Document, IReadOnlyList<PrometheusFamily> Families, string? Failure)
    {
        public static DocumentRead Failed(NatsMonitoringDocument document, string reason) => new(document, [], reason);
    }
}
