using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Sources;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// The collector process's part of a run: follow the run named by configuration while scraping every target it
/// discovers, write its results, print the summary table and stop (or keep serving, <see cref="CollectorOptions.ServeAfterRun"/>).
/// Exit code: 0 measured (loss included), 1 not measured, 2 bad input.
/// </summary>
public sealed partial class RunCollection(
    IConfiguration configuration,
    IHttpClientFactory httpClients,
    RunCollector collector,
    CollectorMetrics metrics,
    ReportLocation report,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<RunCollection> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Environment.ExitCode = await CollectAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Environment.ExitCode = 1;
        }

        if (!configuration.GetValue(CollectorOptions.ServeAfterRun, false))
        {
            lifetime.StopApplication();
        }
    }

    private async Task<int> CollectAsync(CancellationToken stoppingToken)
    {
        var scenarioPath = configuration[WorkflowOptions.Scenario];
        var parsed = scenarioPath is null ? null : ScenarioParser.Parse(scenarioPath);
        if (parsed is not { Succeeded: true })
        {
            var errors = parsed?.Errors.Select(e => e.ToString()) ?? [$"no scenario: set {WorkflowOptions.Scenario}"];
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors));
            return ComponentSetupResult.BadInputExitCode;
        }

        var scenario = parsed.Scenario!;
        var runId = configuration[WorkflowOptions.RunId] ?? $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{scenario.Name}";
        var results = configuration[CollectorOptions.Results] ?? Path.Combine("runs", runId);
        report.Folder = Path.GetFullPath(results);
        var grace = configuration.GetValue(CollectorOptions.StartupGrace, CollectorOptions.DefaultStartupGrace);
        var http = httpClients.CreateClient(nameof(RunCollection));
        var components = ComponentDirectory.Discover(scenario, configuration, http);
        var (clusters, clusterError) = KubernetesConnections.Connect(configuration);
        if (clusterError is not null)
        {
            await Console.Error.WriteLineAsync(clusterError);
            return ComponentSetupResult.BadInputExitCode;
        }

        var (targets, discoveryNotes) = await ScrapeTargets.DiscoverAsync(scenario, components, clusters, configuration, stoppingToken);
        LogTargets(targets.Count, string.Join(", ", targets.Select(t => t.ToString())));
        var scraping = new ScrapeLoop(
            targets.Select(target => ScrapeSources.For(target, http, clusters)).ToArray(),
            ScrapeSinkFor(runId, results),
            ScrapeSettings(clusters.Count > 0),
            metrics,
            logger);

        using var stopScraping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var scraped = Task.Run(() => scraping.RunAsync(stopScraping.Token), stoppingToken);
        var run = await collector.CollectAsync(scenario, runId, components, grace, stoppingToken);
        await stopScraping.CancelAsync();
        var tally = await scraped;
        var analysis = WithNotes(run.Analysis, [.. discoveryNotes, .. tally.Notes()]);
        var written = await RunResultsWriter.WriteAsync(results, analysis, run.Records, stoppingToken);
        LogWritten(Path.GetFullPath(written));
        Console.WriteLine(SummaryTable.Render(analysis.Summary));
        return run.ExitCode;
    }

    private ScrapeLoopSettings ScrapeSettings(bool inCluster)
    {
        var interval = configuration.GetValue(
            CollectorOptions.ScrapeInterval, inCluster ? CollectorOptions.DefaultClusterScrapeInterval : CollectorOptions.DefaultScrapeInterval);
        var defaultTimeout = interval < CollectorOptions.MaxDefaultScrapeTimeout ? interval : CollectorOptions.MaxDefaultScrapeTimeout;
        return new ScrapeLoopSettings(interval, configuration.GetValue(CollectorOptions.ScrapeTimeout, defaultTimeout), LocalResources: !inCluster);
    }

    /// <summary>The run store when one is configured, else the scrape files under the results folder.</summary>
    private ScrapeSink ScrapeSinkFor(string runId, string results) =>
        services.GetService<IRunStore>() is { } store
            ? (scrapes, cancellationToken) => store.AppendScrapesAsync(runId, scrapes, cancellationToken)
            : new ScrapeFiles(results).AppendAsync;

    /// <summary>What discovery and scraping noticed joins the run's notes: gaps in series, vanished targets.</summary>
    private static RunAnalysis WithNotes(RunAnalysis analysis, IReadOnlyList<string> notes) =>
        notes.Count == 0 ? analysis : analysis with { Summary = analysis.Summary with { Notes = [.. analysis.Summary.Notes, .. notes] } };

    [LoggerMessage(Level = LogLevel.Information, Message = "scraping {Count} targets: {Targets}")]
    private partial void LogTargets(int count, string targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "results written to {Folder}")]
    private partial void LogWritten(string folder);
}
