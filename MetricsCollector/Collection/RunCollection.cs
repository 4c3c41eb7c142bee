using MeshAspire.MetricsCollector.Results;
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
        var components = ComponentDirectory.Discover(scenario, configuration, httpClients.CreateClient(nameof(RunCollection)));

        var run = await collector.CollectAsync(scenario, runId, components, grace, stoppingToken);
        var written = await RunResultsWriter.WriteAsync(results, run.Analysis, run.Records, stoppingToken);
        LogWritten(Path.GetFullPath(written));
        Console.WriteLine(SummaryTable.Render(run.Analysis.Summary));
        return run.ExitCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "results written to {Folder}")]
    private partial void LogWritten(string folder);
}
