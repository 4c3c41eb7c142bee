using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// The collector's part of a run: wait for the trigger to finish sending and draining, wait up to the drain
/// timeout for the conclusion to receive what was sent, pull every component's records, then account and write
/// the results. Exits 0 when the run was measured (loss included), 1 when it could not be, 2 on bad input.
/// </summary>
public sealed partial class RunCollection(
    IConfiguration configuration,
    IHttpClientFactory httpClients,
    IHostApplicationLifetime lifetime,
    ILogger<RunCollection> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

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
        var notes = new List<string>();

        LogFollowing(runId, components[0].BaseAddress.ToString());
        var triggerStatus = await WaitForTriggerAsync(components[0], scenario.Settings.ConnectTimeout + grace, notes, stoppingToken);
        if (triggerStatus is not null)
        {
            await WaitForConclusionAsync(components[^1], triggerStatus, scenario.Settings.Drain, notes, stoppingToken);
        }

        var records = await PullRecordsAsync(components, notes, stoppingToken);
        var analysis = RunAccounting.Analyze(scenario, runId, records, notes);
        var written = await RunResultsWriter.WriteAsync(results, analysis, records, stoppingToken);
        LogWritten(Path.GetFullPath(written));
        Console.WriteLine(SummaryTable.Render(analysis.Summary));
        return analysis.Summary.Completed && triggerStatus?.State == RunState.Completed ? 0 : 1;
    }

    /// <summary>Polls the trigger until it completes or fails; null when it never answers or fails.</summary>
    private async Task<RunStatus?> WaitForTriggerAsync(ComponentClient trigger, TimeSpan patience, List<string> notes, CancellationToken stoppingToken)
    {
        var lastAnswer = DateTime.UtcNow;
        var nextProgress = DateTime.UtcNow + ProgressInterval;
        while (true)
        {
            var status = await trigger.StatusAsync(stoppingToken);
            if (status is not null)
            {
                lastAnswer = DateTime.UtcNow;
                switch (status.State)
                {
                    case RunState.Completed:
                        return status;
                    case RunState.Failed:
                        notes.Add($"{trigger.Component.RootName} failed: {status.Error}");
                        LogTriggerFailed(status.Error ?? "no reason given");
                        return null;
                }

                if (DateTime.UtcNow >= nextProgress)
                {
                    nextProgress = DateTime.UtcNow + ProgressInterval;
                    LogProgress(status.State.ToString(), status.Sent, status.Scheduled, status.Acknowledged);
                }
            }
            else if (DateTime.UtcNow - lastAnswer > patience)
            {
                notes.Add($"{trigger.Component.RootName} did not answer at {trigger.BaseAddress} for {patience.TotalSeconds:0} s");
                LogTriggerSilent(trigger.BaseAddress.ToString(), patience.TotalSeconds);
                return null;
            }

            await Task.Delay(CollectorOptions.PollInterval, stoppingToken);
        }
    }

    /// <summary>Waits until the conclusion has every message the trigger handed on, or the drain timeout passes.</summary>
    private async Task WaitForConclusionAsync(ComponentClient conclusion, RunStatus trigger, TimeSpan drain, List<string> notes, CancellationToken stoppingToken)
    {
        var expected = trigger.Sent - trigger.SendFailed;
        var deadline = DateTime.UtcNow + drain;
        RunStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await conclusion.StatusAsync(stoppingToken) ?? last;
            if (last is not null && last.Received >= expected)
            {
                return;
            }

            await Task.Delay(CollectorOptions.PollInterval, stoppingToken);
        }

        notes.Add($"drain timeout ({drain.TotalSeconds:0.#} s) passed with {last?.Received.ToString() ?? "no answer from"} the conclusion of {expected} messages handed on");
    }

    private async Task<RunRecords> PullRecordsAsync(IReadOnlyList<ComponentClient> components, List<string> notes, CancellationToken stoppingToken)
    {
        var pulled = new ComponentRecords?[components.Count];
        for (var i = 0; i < components.Count; i++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(CollectorOptions.RecordsTimeout);
            try
            {
                pulled[i] = await components[i].RecordsAsync(timeout.Token);
            }
            catch (Exception error) when (error is HttpRequestException or IOException or Google.Protobuf.InvalidProtocolBufferException
                                          || (error is OperationCanceledException && !stoppingToken.IsCancellationRequested))
            {
                notes.Add($"{components[i].Component.RootName}: records unavailable ({error.Message})");
                LogRecordsUnavailable(components[i].Component.RootName, error.Message);
            }
        }

        return new RunRecords(components.Select(c => c.Component.RootName).ToArray(), pulled);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "following run {RunId}; trigger at {Trigger}")]
    private partial void LogFollowing(string runId, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "trigger {State}: {Sent}/{Scheduled} sent, {Acknowledged} acknowledged")]
    private partial void LogProgress(string state, long sent, long scheduled, long acknowledged);

    [LoggerMessage(Level = LogLevel.Error, Message = "the trigger failed: {Reason}")]
    private partial void LogTriggerFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "the trigger did not answer at {Address} for {Seconds} s")]
    private partial void LogTriggerSilent(string address, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Component}: records unavailable: {Reason}")]
    private partial void LogRecordsUnavailable(string component, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "results written to {Folder}")]
    private partial void LogWritten(string folder);
}
