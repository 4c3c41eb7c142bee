using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// The collector process's part of a run: follow the run named by configuration, write its results, print the
/// summary table and stop. Exit code: 0 measured (loss included), 1 not measured, 2 bad input.
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

        using var scraping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var recording = broker is null ? Task.FromResult<BrokerRecording?>(null) : RecordAsync(broker, http, results, interval, scraping.Token);
        var run = await collector.CollectAsync(scenario, runId, components, grace, stoppingToken);
        await scraping.CancelAsync();
        var analysis = WithBrokerNote(run.Analysis, await recording);
        var written = await RunResultsWriter.WriteAsync(results, analysis, run.Records, stoppingToken);
        LogWritten(Path.GetFullPath(written));
        await CollectedRunReport.WriteAsync(written, analysis, run.Records, logger, stoppingToken);
        Console.WriteLine(SummaryTable.Render(analysis.Summary));
        return run.ExitCode;
    }

    private static async Task<BrokerRecording?> RecordAsync(BrokerTarget broker, HttpClient http, string results, TimeSpan interval, CancellationToken stopping) =>
        await BrokerMetricsRecorder.RecordAsync(broker, http, results, interval, stopping);

    /// <summary>A broker whose scrapes failed is said in the run's notes: its series has gaps, the run is still measured.</summary>
    private static RunAnalysis WithBrokerNote(RunAnalysis analysis, BrokerRecording? recording)
    {
        if (recording is not { Failed: > 0 })
        {
            return analysis;
        }

        var note = $"broker {recording.Target.Name}: {recording.Failed} of {recording.Scrapes} metrics scrapes of {recording.Target.Address} failed (gaps in brokers/{recording.Target.Name}.prom)";
        return analysis with { Summary = analysis.Summary with { Notes = [.. analysis.Summary.Notes, note] } };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "results written to {Folder}")]
    private partial void LogWritten(string folder);
}
