using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>What a scraped target is, so application, sidecar, broker and resource usage stay apart in the report.</summary>
public enum ScrapeKind
{
    /// <summary>A workflow component's own <c>/metrics</c>.</summary>
    Component,

    /// <summary>An Envoy or linkerd-proxy sidecar beside a component.</summary>
    Sidecar,

    /// <summary>A broker's metrics (NATS monitoring converted, RabbitMQ, EventMesh).</summary>
    Broker,

    /// <summary>CPU and memory per container or process, normalised to <see cref="ResourceSeries"/>.</summary>
    Resources,

    /// <summary>CPU and memory per Kubernetes node.</summary>
    Nodes,

    /// <summary>The collector's own metrics.</summary>
    Collector,
}

/// <summary>
/// One scrape of one target at one time (the thesis's "collection" of one metric source): the samples it gave,
/// or why it failed (then no samples, and a gap in every series of that target).
/// </summary>
/// <param name="Cluster">The kubeconfig context, or <c>local</c>.</param>
/// <param name="Target">The target's name: a component's rootname, <c>nats</c>, <c>action01/envoy</c>, <c>containers</c>.</param>
/// <param name="At">When the scrape was taken, on the collector's clock.</param>
public sealed record Scrape(
    string Cluster,
    string Target,
    ScrapeKind Kind,
    DateTimeOffset At,
    IReadOnlyList<MetricSample> Samples,
    string? Failure = null)
{
    public bool Failed => Failure is not null;
}
