using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>The configuration keys the collector reads, beside <c>Workflow:Scenario</c> and <c>Workflow:RunId</c>.</summary>
public static class CollectorOptions
{
    /// <summary>The folder the run's results go to; <c>runs/&lt;run-id&gt;</c> under the working folder unless set.</summary>
    public const string Results = "Collector:Results";

    /// <summary>How long to wait for the trigger to answer at all, beyond the scenario's connect timeout.</summary>
    public const string StartupGrace = "Collector:StartupGrace";

    /// <summary>How often every target is scraped: 1 s locally, 5 s in a cluster unless set.</summary>
    public const string ScrapeInterval = "Collector:ScrapeInterval";

    /// <summary>How long one scrape may take; the interval (at most 10 s) unless set.</summary>
    public const string ScrapeTimeout = "Collector:ScrapeTimeout";

    /// <summary>The clusters of a Kubernetes run: see <see cref="CollectorClusterOptions"/>, shared with the publisher.</summary>
    public const string Cluster = CollectorClusterOptions.Cluster;

    /// <inheritdoc cref="CollectorClusterOptions.Clusters"/>
    public const string Clusters = CollectorClusterOptions.Clusters;

    /// <inheritdoc cref="CollectorClusterOptions.Contexts"/>
    public const string Contexts = CollectorClusterOptions.Contexts;

    /// <inheritdoc cref="CollectorClusterOptions.Kubeconfig"/>
    public const string Kubeconfig = CollectorClusterOptions.Kubeconfig;

    /// <inheritdoc cref="CollectorClusterOptions.Namespace"/>
    public const string Namespace = CollectorClusterOptions.Namespace;

    /// <summary>How often the pods of a Kubernetes run are listed again for new scrape targets; 30 s unless set.</summary>
    public const string RediscoverInterval = "Collector:RediscoverInterval";

    /// <summary>Whether the collector keeps serving <c>/report</c> and <c>/metrics</c> once the run is collected.</summary>
    public const string ServeAfterRun = "Collector:ServeAfterRun";

    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultClusterScrapeInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultRediscoverInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxDefaultScrapeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often the trigger's and conclusion's /run are polled.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan DefaultStartupGrace = TimeSpan.FromSeconds(60);

    /// <summary>How long one component's /records may take.</summary>
    public static readonly TimeSpan RecordsTimeout = TimeSpan.FromMinutes(5);
}
