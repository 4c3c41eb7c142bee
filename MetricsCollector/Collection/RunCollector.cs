using MeshAspire.MetricsCollector.Clocks;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// What following a run gave: its analysis, the records and collection notes it came from, and whether the trigger
/// completed.
/// </summary>
public sealed record CollectedRun(RunAnalysis Analysis, RunRecords Records, bool TriggerCompleted, IReadOnlyList<string> CollectionNotes)
{
    /// <summary>0 when the run was measured (loss included), 1 when it could not be.</summary>
    public int ExitCode => Analysis.Summary.Completed && TriggerCompleted ? 0 : 1;
}

/// <summary>
/// Follows one run: waits for the trigger to finish sending and draining, waits up to the drain timeout for the
/// conclusion to receive what was handed on, pulls every component's records and accounts for them, with every
/// component's clock measured while the run starts and again once it is over.
/// </summary>
public sealed partial class RunCollector(ILogger<RunCollector> logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <param name="startupGrace">How long the trigger may stay silent, beyond the scenario's connect timeout.</param>
    public async Task<CollectedRun> CollectAsync(
        Scenario scenario, string runId, IReadOnlyList<ComponentClient> components, TimeSpan startupGrace, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        LogFollowing(runId, components[0].BaseAddress.ToString());
        using var clocksStarting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readingClocks = ClockSync.BeforeRunAsync(components, CollectorOptions.PollInterval, clocksStarting.Token, cancellationToken);
        var trigger = await WaitForTriggerAsync(components[0], scenario.Settings.ConnectTimeout + startupGrace, notes, cancellationToken);
        await clocksStarting.CancelAsync();
        var before = await readingClocks;
        long? drainDeadline = null;
        if (trigger is not null)
        {
            var lastSent = new ComponentClock(components[0].Component.RootName, before[0], null).ToCollectorClock(trigger.LastSentNanos);
            drainDeadline = await WaitForConclusionAsync(components[^1], trigger, lastSent, scenario.Settings.Drain, notes, cancellationToken);
        }

        var clocks = ClockSync.Combine(components, before, await ClockSync.AfterRunAsync(components, cancellationToken));
        var records = await PullRecordsAsync(components, drainDeadline, notes, cancellationToken) with { Clocks = clocks };
        return new CollectedRun(RunAccounting.Analyze(scenario, runId, records, notes), records, trigger is not null, notes);
    }

    /// <summary>Polls the trigger until it completes; null when it fails or stays silent too long.</summary>
    private async Task<RunStatus?> WaitForTriggerAsync(ComponentClient trigger, TimeSpan patience, List<string> notes, CancellationToken cancellationToken)
    {
        var lastAnswer = DateTime.UtcNow;
        var nextProgress = DateTime.UtcNow + ProgressInterval;
        while (true)
        {
            var status = await trigger.StatusAsync(cancellationToken);
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

            await Task.Delay(CollectorOptions.PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the conclusion has every message the trigger handed on, or until the drain timeout after the
    /// trigger's last send; returns that deadline (Unix ns, this process's clock) when it passed, or null when everything arrived in time.
    /// </summary>
    /// <param name="lastSentNanos">The trigger's last send, moved to this process's clock.</param>
    private async Task<long?> WaitForConclusionAsync(
        ComponentClient conclusion, RunStatus trigger, long lastSentNanos, TimeSpan drain, List<string> notes, CancellationToken cancellationToken)
    {
        var expected = trigger.Sent - trigger.SendFailed;
        var deadline = Math.Max(UnixClock.NowNanos(), lastSentNanos + (long)drain.TotalNanoseconds);
        RunStatus? last = null;
        while (true)
        {
            last = await conclusion.StatusAsync(cancellationToken) ?? last;
            if (last is not null && last.Received >= expected)
            {
                return null;
            }

            if (UnixClock.NowNanos() >= deadline)
            {
                break;
            }

            await Task.Delay(CollectorOptions.PollInterval, cancellationToken);
        }

        var received = last is null ? "no answer from the conclusion" : $"{last.Received} received";
        notes.Add($"drain timeout ({drain.TotalSeconds:0.#} s after the last send) passed with {received} of {expected} messages handed on; the run is cut there");
        return deadline;
    }

    /// <summary>Reads every component's records, the conclusion first: the later a component, the sooner it is read.</summary>
    private async Task<RunRecords> PullRecordsAsync(IReadOnlyList<ComponentClient> components, long? drainDeadline, List<string> notes, CancellationToken cancellationToken)
    {
        var pulled = new ComponentRecords?[components.Count];
        for (var i = components.Count - 1; i >= 0; i--)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CollectorOptions.RecordsTimeout);
            try
            {
                pulled[i] = await components[i].RecordsAsync(timeout.Token);
            }
            catch (Exception error) when (error is HttpRequestException or IOException or Google.Protobuf.InvalidProtocolBufferException
                                          || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                notes.Add($"{components[i].Component.RootName}: records unavailable ({error.Message})");
                LogRecordsUnavailable(components[i].Component.RootName, error.Message);
            }
        }

        return new RunRecords(components.Select(c => c.Component.RootName).ToArray(), pulled, drainDeadline);
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
}
