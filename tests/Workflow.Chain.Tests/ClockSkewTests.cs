using System.Text.Json;
using MeshAspire.MetricsCollector.Clocks;
using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.MetricsCollector.Results;
using Xunit.Abstractions;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// A conclusion in a process of its own whose clock is set off by a known skew (<see cref="WorkflowOptions.ClockSkewForTesting"/>):
/// the collector finds the skew within its error bound and end-to-end latency comes out as on one clock. The trigger,
/// action01 and the collector share this process's clock, so action01's send and its echo from the conclusion bracket,
/// on the collector's clock, the moment the conclusion received each message.
/// </summary>
[Collection(LocalChain.Collection)]
public sealed class ClockSkewTests(ITestOutputHelper output)
{
    private const int Timeout = 120_000;
    private const int Messages = 400;
    private const int Trigger = 0;
    private const int Action01 = 1;
    private const int Conclusion = 2;

    private static readonly string ScenarioText = ChainScenarios.Chain("grpc", drain: "30s", actions: 1, byTopic: false, duration: "2s", rate: 200);

    private static readonly TimeSpan Skew = TimeSpan.FromMilliseconds(3_700);

    [Fact(Timeout = Timeout)]
    public async Task A_conclusion_3_7_s_ahead_is_found_within_the_bound_and_corrected()
    {
        var run = await RunWithConclusionSkewedAsync(Skew);

        AssertClocksFound(run, Skew);
        AssertEndToEndOnOneClock(run);

        var scenario = ScenarioParser.ParseText(ScenarioText, "clock-skew.properties").Scenario!;
        var uncorrected = RunAccounting.Analyze(scenario, "uncorrected", run.Records with { Clocks = null }, []).Summary;
        Assert.True(uncorrected.EndToEnd.MinMs >= Skew.TotalMilliseconds * 0.999, $"uncorrected end-to-end min {uncorrected.EndToEnd.MinMs} ms");
        Assert.True(run.Analysis.Summary.EndToEnd.MaxMs < Skew.TotalMilliseconds / 2, $"corrected end-to-end max {run.Analysis.Summary.EndToEnd.MaxMs} ms");
    }

    [Fact(Timeout = Timeout)]
    public async Task An_unskewed_conclusion_in_its_own_process_is_found_on_the_collector_s_clock()
    {
        var run = await RunWithConclusionSkewedAsync(TimeSpan.Zero);

        AssertClocksFound(run, TimeSpan.Zero);
        AssertEndToEndOnOneClock(run);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_skew_that_is_no_time_span_stops_the_component_with_exit_code_2_naming_the_key()
    {
        await using var chain = LocalChain.Create(ScenarioText);
        var settings = chain.SettingsOf("conclusion");
        settings[WorkflowOptions.ClockSkewForTesting] = "3.7 seconds";

        await using var process = ComponentProcess.Start(ComponentRole.Conclusion, settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        Assert.Equal(ComponentSetupResult.BadInputExitCode, await process.WaitForExitAsync(timeout.Token));
        Assert.Contains($"bad {WorkflowOptions.ClockSkewForTesting}='3.7 seconds'", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }

    private async Task<CollectedRun> RunWithConclusionSkewedAsync(TimeSpan skew)
    {
        await using var chain = LocalChain.Create(ScenarioText);
        await chain.StartInOwnProcessAsync("conclusion", new Dictionary<string, string?>
        {
            [WorkflowOptions.ClockSkewForTesting] = skew.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        var answer = JsonSerializer.Deserialize<ClockAnswer>(await chain.GetAsync("conclusion", "/clock"), JsonSerializerOptions.Web);
        Assert.Equal("conclusion", answer!.Component);
        Assert.InRange(answer.AnsweredNs, answer.HandledNs, long.MaxValue);
        await chain.StartAsync("action01", "trigger");

        var run = await chain.CollectAsync(CancellationToken.None);

        var summary = run.Analysis.Summary;
        output.WriteLine(SummaryTable.Render(summary));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Messages, summary.Messages.Received);
        Assert.Empty(summary.Notes);
        return run;
    }

    /// <summary>Both readings of every clock hold the true offset within their bound: the skew for the conclusion, 0 for the rest.</summary>
    private static void AssertClocksFound(CollectedRun run, TimeSpan skew)
    {
        var clocks = run.Records.Clocks!;
        Assert.Equal(["trigger", "action01", "conclusion"], clocks.Select(c => c.Component));
        foreach (var (clock, expected) in clocks.Zip([0, 0, (long)skew.TotalNanoseconds]))
        {
            foreach (var reading in new[] { clock.Before, clock.After })
            {
                Assert.NotNull(reading);
                Assert.True(reading.Probes == ClockSync.ProbesPerReading, $"{clock.Component}: {reading.Probes} probes answered");
                Assert.True(
                    Math.Abs(reading.OffsetNanos - expected) <= reading.ErrorBoundNanos,
                    $"{clock.Component}: offset {reading.OffsetNanos} ns, bound {reading.ErrorBoundNanos} ns, expected {expected} ns");
            }
        }

        var summary = run.Analysis.Summary;
        Assert.Equal(
            clocks[Trigger].ErrorBoundNanos!.Value + clocks[Conclusion].ErrorBoundNanos!.Value,
            summary.EndToEndErrorBoundMs!.Value * 1e6,
            precision: 0);
    }

    /// <summary>
    /// Every corrected end-to-end latency is positive and lies, within the end-to-end bound, where one clock puts it:
    /// after action01 sent the message and before action01 had the conclusion's echo, plus the conclusion's own service
    /// time. The summary's percentiles stay inside the same limits.
    /// </summary>
    private static void AssertEndToEndOnOneClock(CollectedRun run)
    {
        var records = run.Records;
        var bound = (long)Math.Ceiling(run.Analysis.Summary.EndToEndErrorBoundMs!.Value * 1e6);
        var action01 = records.Components[Action01]!.Records;
        var bySequence = new Dictionary<long, long>();
        for (long i = 0; i < action01.Count; i++)
        {
            bySequence[action01[i].Sequence] = i;
        }

        long lowest = long.MaxValue, highest = long.MinValue;
        var conclusion = records.Conclusion!.Records;
        for (long i = 0; i < conclusion.Count; i++)
        {
            ref var arrival = ref conclusion[i];
            ref var forwarding = ref action01[bySequence[arrival.Sequence]];
            var intended = records.ToCollectorClock(Trigger, arrival.IntendedNanos);
            var service = arrival.ForwardedNanos - arrival.ReceivedNanos;
            var endToEnd = records.ToCollectorClock(Conclusion, arrival.ForwardedNanos) - intended;
            var earliest = forwarding.ForwardedNanos - intended + service;
            var latest = forwarding.AcknowledgedNanos - intended + service;

            Assert.True(endToEnd > 0, $"message {arrival.Sequence}: corrected end-to-end {endToEnd} ns");
            Assert.InRange(endToEnd, earliest - bound, latest + bound);
            lowest = Math.Min(lowest, earliest);
            highest = Math.Max(highest, latest);
        }

        var e2e = run.Analysis.Summary.EndToEnd;
        Assert.InRange(e2e.MinMs * 1e6, ((lowest - bound) * 0.999) - 1, (highest + bound) * 1.001);
        Assert.InRange(e2e.MaxMs * 1e6, (lowest - bound) * 0.999, ((highest + bound) * 1.001) + 1);
    }
}
