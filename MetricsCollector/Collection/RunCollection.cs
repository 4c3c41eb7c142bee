using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Sources;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// The collector process's part of a run: follow the run named by configuration while scraping every target it
/// discovers, keep it in the run store (PostgreSQL or files, see <see cref="RunStores"/>) with its results folder,
/// print the summary table and stop (or keep serving, <see cref="CollectorOptions.ServeAfterRun"/>).
/// Exit code: 0 measured (loss included), 1 not measured, 2 bad input.
/// </summary>
public sealed partial class RunCollection(
    IConfiguration configuration,
    IHttpClientFactory httpClients,
    RunCollector collector,
    CollectorMetrics metrics,
    ReportLocation report,
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

        var (store, storeError) = await RunStores.OpenAsync(configuration, runId, results, logger, stoppingToken);
        if (store is null)
        {
            await Console.Error.WriteLineAsync(storeError);
            return ComponentSetupResult.BadInputExitCode;
        }

        await using var stored = store;
        var descriptor = Describe(scenario, scenarioPath!, runId, clusters.Count > 0);
        await store.BeginRunAsync(descriptor, stoppingToken);

        var (targets, discoveryNotes) = await ScrapeTargets.DiscoverAsync(scenario, components, clusters, configuration, stoppingToken);
        LogTargets(targets.Count, string.Join(", ", targets.Select(t => t.ToString())));
        var scraping = new ScrapeLoop(
            targets.Select(target => ScrapeSources.For(target, http, clusters)).ToArray(),
            (scrapes, cancellationToken) => store.AppendScrapesAsync(runId, scrapes, cancellationToken),
            ScrapeLoopSettings.From(configuration, inCluster: clusters.Count > 0),
            metrics,
            logger,
            clusters.Count == 0 ? null : new TargetRediscovery(
                configuration.GetValue(CollectorOptions.RediscoverInterval, CollectorOptions.DefaultRediscoverInterval),
                async cancellationToken =>
                {
                    var (found, failures) = await ScrapeTargets.DiscoverAsync(scenario, components, clusters, configuration, cancellationToken);
                    return (found.Select(target => ScrapeSources.For(target, http, clusters)).ToArray(), failures);
                }));

        using var stopScraping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var scraped = Task.Run(() => scraping.RunAsync(stopScraping.Token), stoppingToken);
        var run = await collector.CollectAsync(scenario, runId, components, grace, stoppingToken);
        await stopScraping.CancelAsync();
        var tally = await scraped;
        IReadOnlyList<string> scrapeNotes = [.. discoveryNotes, .. tally.Notes()];
        var notes = scrapeNotes.Count == 0 ? run.CollectionNotes : [.. run.CollectionNotes, .. scrapeNotes];
        var analysis = scrapeNotes.Count == 0 ? run.Analysis : RunAccounting.Analyze(scenario, runId, run.Records, notes);
        await store.CompleteRunAsync(runId, analysis, run.Records, notes, stoppingToken);
        LogWritten(Path.GetFullPath(results), store.Location);
        await CollectedRunReport.WriteAsync(results, descriptor, analysis, run.Records, store, logger, stoppingToken);
        Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(results, RunResultsWriter.SummaryText), stoppingToken));
        return run.ExitCode;
    }

    private static RunDescriptor Describe(Scenario scenario, string scenarioPath, string runId, bool inCluster) =>
        new(runId, scenario.Name, File.ReadAllText(scenarioPath), DateTimeOffset.UtcNow, new Dictionary<string, string>
        {
            ["mesh"] = scenario.Settings.Mesh.ToString().ToLowerInvariant(),
            ["transport"] = scenario.Settings.Transport.ToKey(),
            ["environment"] = inCluster ? "kubernetes" : "local",
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "scraping {Count} targets: {Targets}")]
    private partial void LogTargets(int count, string targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "results written to {Folder}; run kept in {Store}")]
    private partial void LogWritten(string folder, string store);
}
