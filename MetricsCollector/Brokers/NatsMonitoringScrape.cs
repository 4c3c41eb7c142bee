namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>
/// The samples of one scrape in Prometheus text format, and the documents that could not be read: their samples
/// are missing, and <c>nats_monitoring_up{document=...}</c> is 0 for them.
/// </summary>
public sealed record NatsMonitoringScrape(string Text, IReadOnlyList<NatsDocumentFailure> Failures)
{
    public bool Complete => Failures.Count == 0;
}

/// <summary>A document that could not be read, and why.</summary>
public sealed record NatsDocumentFailure(string Document, string Reason);
