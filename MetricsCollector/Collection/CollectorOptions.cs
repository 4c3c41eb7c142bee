namespace MeshAspire.MetricsCollector.Collection;

/// <summary>The configuration keys the collector reads, beside <c>Workflow:Scenario</c> and <c>Workflow:RunId</c>.</summary>
public static class CollectorOptions
{
    /// <summary>The folder the run's results go to; <c>runs/&lt;run-id&gt;</c> under the working folder unless set.</summary>
    public const string Results = "Collector:Results";

    /// <summary>How long to wait for the trigger to answer at all, beyond the scenario's connect timeout.</summary>
    public const string StartupGrace = "Collector:StartupGrace";

    /// <summary>How often the run's broker is scraped.</summary>
    public const string ScrapeInterval = "Collector:ScrapeInterval";

    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often the trigger's and conclusion's /run are polled.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan DefaultStartupGrace = TimeSpan.FromSeconds(60);

    /// <summary>How long one component's /records may take.</summary>
    public static readonly TimeSpan RecordsTimeout = TimeSpan.FromMinutes(5);
}
