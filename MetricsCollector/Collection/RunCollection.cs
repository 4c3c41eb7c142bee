using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// The collector process's part of a run: follow the run named by configuration, keep it in the run store
/// (PostgreSQL or files, see <see cref="RunStores"/>) with its results folder, print the summary table and stop.
/// Exit code: 0 measured (loss included), 1 not measured, 2 bad input.
/// </summary>
public sealed partial class RunCollection(
    IConfiguration configuration,
    IHttpClientFactory httpClients,
    RunCollector collector,
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

        lifetime.StopApplication();
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
        var grace = configuration.GetValue(CollectorOptions.StartupGrace, CollectorOptions.DefaultStartupGrace);
        var http = httpClients.CreateClient(nameof(RunCollection));
        var components = ComponentDirectory.Discover(scenario, configuration, http);
        var broker = BrokerTarget.Discover(scenario, configuration);
        var interval = configuration.GetValue(CollectorOptions.ScrapeInterval, CollectorOptions.DefaultScrapeInterval);
        var (store, storeError) = await RunStores.OpenAsync(configuration, runId, results, logger, stoppingToken);
        if (store is null)
        {
            await Console.Error.WriteLineAsync(storeError);
            return ComponentSetupResult.BadInputExitCode;
        }

        await using var stored = store;
        await store.BeginRunAsync(Describe(scenario, scenarioPath!, runId), stoppingToken);

        using var scraping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var recording = broker is null ? Task.FromResult<BrokerRecording?>(null) : RecordAsync(broker, http, results, interval, scraping.Token);
        var run = await collector.CollectAsync(scenario, runId, components, grace, stoppingToken);
        await scraping.CancelAsync();
        var notes = BrokerNote(await recording) is { } brokerNote ? [.. run.CollectionNotes, brokerNote] : run.CollectionNotes;
        var analysis = notes.Count == run.CollectionNotes.Count ? run.Analysis : RunAccounting.Analyze(scenario, runId, run.Records, notes);
        await store.CompleteRunAsync(runId, analysis, run.Records, notes, stoppingToken);
        LogWritten(Path.GetFullPath(results), store.Location);
        Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(results, RunResultsWriter.SummaryText), stoppingToken));
        return run.ExitCode;
    }

    private static RunDescriptor Describe(Workflow.Scenarios.Scenario scenario, string scenarioPath, string runId) =>
        new(runId, scenario.Name, File.ReadAllText(scenarioPath), DateTimeOffset.UtcNow, new Dictionary<string, string>
        {
            ["mesh"] = scenario.Settings.Mesh.ToString().ToLowerInvariant(),
            ["transport"] = scenario.Settings.Transport.ToKey(),
            ["environment"] = "local",
            ["clusters"] = "local",
        });

    private static async Task<BrokerRecording?> RecordAsync(BrokerTarget broker, HttpClient http, string results, TimeSpan interval, CancellationToken stopping) =>
        await BrokerMetricsRecorder.RecordAsync(broker, http, results, interval, stopping);

    /// <summary>A broker whose scrapes failed is said in the run's notes: its series has gaps, the run is still measured.</summary>
    private static string? BrokerNote(BrokerRecording? recording) =>
        recording is not { Failed: > 0 }
            ? null
            : $"broker {recording.Target.Name}: {recording.Failed} of {recording.Scrapes} metrics scrapes of {recording.Target.Address} failed (gaps in brokers/{recording.Target.Name}.prom)";

    [LoggerMessage(Level = LogLevel.Information, Message = "results written to {Folder}; run kept in {Store}")]
    private partial void LogWritten(string folder, string store);
}
