using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.Workflow.Tests.Accounting;

public class RunAccountingTests
{
    private const long Interval = 10 * Millisecond;

    /// <summary>HdrHistogram's 3 significant digits: a value is reported within 0.1 %.</summary>
    private static void AssertMs(double expectedMs, double actualMs) =>
        Assert.True(Math.Abs(actualMs - expectedMs) <= expectedMs * 1e-3, $"expected {expectedMs} ms within 0.1 %, got {actualMs} ms");

    private static RunSummary Analyze(ChainRun run, params string[] missing) =>
        RunAccounting.Analyze(TestScenarios.Constant(), "run-1", run.Records(missing), []).Summary;

    /// <summary>100 measured messages, 10 ms apart, the one of sequence i taking (i + 1) ms end to end.</summary>
    private static IEnumerable<Message> Clean(long firstSequence = 0, int count = 100, long start = Base) =>
        Steady(firstSequence, count, 1, start, Interval).Select((m, i) => m with { EndToEnd = (i + 1) * Millisecond });

    [Fact]
    public void A_clean_chain_delivers_everything()
    {
        var summary = Analyze(new ChainRun().Add(Clean()));

        Assert.True(summary.Completed);
        Assert.Equal(new MessageCounts(100, 100, 0, 100, 0, 0, 0), summary.Messages);
        Assert.Equal("run-1", summary.RunId);
        Assert.Equal("accounting", summary.Scenario);
        Assert.Empty(summary.Notes);
        Assert.Equal(["action01", "action02", "conclusion"], summary.Hops.Select(h => h.Component));
        Assert.Equal(["trigger", "action01", "action02"], summary.Hops.Select(h => h.Caller));
        Assert.Equal(["action", "action", "conclusion"], summary.Hops.Select(h => h.Role));
        Assert.All(summary.Hops, hop =>
        {
            Assert.Equal(100, hop.Received);
            Assert.Equal(0, hop.LostBefore);
            Assert.Equal(100, hop.ServiceTime.Count);
            Assert.Equal(100, hop.RoundTrip.Count);
            Assert.Equal(100, hop.Transit.Count);
        });
    }

    [Fact]
    public void End_to_end_percentiles_are_those_of_the_known_latencies()
    {
        var e2e = Analyze(new ChainRun().Add(Clean())).EndToEnd;

        Assert.Equal(100, e2e.Count);
        AssertMs(1, e2e.MinMs);
        AssertMs(50.5, e2e.MeanMs);
        AssertMs(50, e2e.P50Ms);
        AssertMs(90, e2e.P90Ms);
        AssertMs(99, e2e.P99Ms);
        AssertMs(100, e2e.P999Ms);
        AssertMs(100, e2e.MaxMs);
    }

    [Fact]
    public void Hop_latencies_come_from_the_right_stamps()
    {
        // transit 2 ms, service 3 ms, so round trip (the echo) 4 ms; the trigger is 0.5 ms late.
        var messages = Steady(0, 50, 1, Base, Interval).Select(m => m with { Transit = 2 * Millisecond, Service = 3 * Millisecond, Lag = Millisecond / 2 });

        var summary = Analyze(new ChainRun().Add(messages));

        Assert.Equal(50, summary.GeneratorLag.Count);
        AssertMs(0.5, summary.GeneratorLag.MaxMs);
        AssertMs(0.5 + (3 * 2) + (3 * 3), summary.EndToEnd.P50Ms);
        Assert.All(summary.Hops, hop =>
        {
            AssertMs(3, hop.ServiceTime.P50Ms);
            AssertMs(3, hop.ServiceTime.MaxMs);
            AssertMs(4, hop.RoundTrip.P50Ms);
            AssertMs(2, hop.Transit.P50Ms);
            AssertMs(2, hop.Transit.MaxMs);
        });
    }

    [Fact]
    public void The_histograms_are_named_by_kind_and_component()
    {
        var analysis = RunAccounting.Analyze(TestScenarios.Constant(), "run-1", new ChainRun().Add(Clean()).Records(), []);

        Assert.Equal(
            [
                "e2e", "generator-lag",
                "action01.service-time", "action01.round-trip", "action01.transit",
                "action02.service-time", "action02.round-trip", "action02.transit",
                "conclusion.service-time", "conclusion.round-trip", "conclusion.transit",
            ],
            analysis.Histograms.Select(h => h.Name));
        Assert.Equal(100, analysis.Histograms[0].Histogram.TotalCount);
    }

    [Fact]
    public void Warm_up_is_left_out_of_every_count_histogram_and_rate()
    {
        // 50 warm-up messages at 20/s, 2 s before the measured ones: slow, lost, failed, duplicated and out of order.
        var warmUp = Steady(0, 50, 0, Base - (5000 * Millisecond), 50 * Millisecond)
            .Select(m => m with { EndToEnd = 1000 * Millisecond, Transit = 100 * Millisecond, Service = 100 * Millisecond, Lag = 7 * Millisecond })
            .Select(m => m.Sequence switch
            {
                3 => m with { Reach = 1 },
                4 => m with { Reach = 0, SendFailed = true },
                5 => m with { Reach = 2 },
                _ => m,
            })
            .Reverse();
        var run = new ChainRun().Add(warmUp).Add(Clean(firstSequence: 50));
        run.Redeliver(10, from: 3, flagged: true).Redeliver(11, from: 3, flagged: false).Redeliver(12, from: 1, flagged: false);

        var summary = Analyze(run);
        var clean = Analyze(new ChainRun().Add(Clean(firstSequence: 50)));

        Assert.Equal(clean.Messages, summary.Messages);
        Assert.Equal(clean.EndToEnd, summary.EndToEnd);
        Assert.Equal(clean.GeneratorLag, summary.GeneratorLag);
        Assert.Equal(clean.Hops, summary.Hops);
        Assert.Equal(clean.Rate, summary.Rate);
        Assert.Equal(clean.Repetitions, summary.Repetitions);
        Assert.Equal(clean.Start, summary.Start);
        Assert.Equal(clean.End, summary.End);
        Assert.Empty(summary.Notes);
    }

    [Fact]
    public void Lost_messages_are_counted_exactly_and_placed_on_their_hop()
    {
        var messages = Clean().Select(m => m.Sequence switch
        {
            40 => m with { Reach = 0 },                 // trigger -> action01
            10 or 20 or 30 => m with { Reach = 1 },     // action01 -> action02
            50 => m with { Reach = 2 },                 // action02 -> conclusion
            _ => m,
        });

        var summary = Analyze(new ChainRun().Add(messages));

        Assert.Equal(new MessageCounts(100, 100, 0, 95, 5, 0, 0), summary.Messages);
        Assert.Equal([99L, 96L, 95L], summary.Hops.Select(h => h.Received));
        Assert.Equal([1L, 3L, 1L], summary.Hops.Select(h => h.LostBefore));
        Assert.Equal(95, summary.EndToEnd.Count);
        Assert.Equal(5, Assert.Single(summary.Repetitions).Lost);
        Assert.Equal([99L, 96L, 95L], summary.Hops.Select(h => h.RoundTrip.Count));
    }

    [Fact]
    public void Duplicates_are_counted_whether_flagged_or_only_repeating_a_sequence()
    {
        var run = new ChainRun().Add(Clean());
        run.Redeliver(5, from: 3, flagged: true);
        run.Redeliver(7, from: 3, flagged: false);
        run.Redeliver(7, from: 3, flagged: false, shift: 2 * Millisecond);

        var summary = Analyze(run);

        Assert.Equal(new MessageCounts(100, 100, 0, 100, 0, 3, 0), summary.Messages);
        Assert.Equal(100, summary.EndToEnd.Count);
        Assert.Equal(100, summary.Hops[^1].Received);
        Assert.Equal(0, summary.Hops[^1].LostBefore);
        Assert.Equal(100, summary.Hops[^1].ServiceTime.Count);
        Assert.Equal(100, summary.Hops[^1].Transit.Count);
    }

    [Fact]
    public void Arrivals_after_the_drain_deadline_are_lost_however_late_the_records_were_read()
    {
        var records = new ChainRun().Add(Clean()).Records();
        var cut = records with { DrainDeadlineNanos = Base + (50 * Interval) - Millisecond };

        var summary = RunAccounting.Analyze(TestScenarios.Constant(), "run-1", cut, []).Summary;

        Assert.Equal(new MessageCounts(100, 100, 0, 46, 54, 0, 0), summary.Messages);
        Assert.Equal(46, summary.EndToEnd.Count);
        Assert.Contains(summary.Notes, note => note.StartsWith("54 arrivals came after the drain timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_made_early_in_the_chain_is_not_a_loss_on_the_later_hops()
    {
        var run = new ChainRun().Add(Clean());
        run.Redeliver(5, from: 1, flagged: true);

        var summary = Analyze(run);

        Assert.Equal(1, summary.Messages.Duplicates);
        Assert.Equal(0, summary.Messages.Lost);
        Assert.Equal([0L, 0L, 0L], summary.Hops.Select(h => h.LostBefore));
    }

    [Fact]
    public void A_row_the_conclusion_flagged_is_a_duplicate_even_when_its_first_arrival_is_not_in_the_records()
    {
        var run = new ChainRun().Add(Clean());
        Assert.Equal(42, run.Conclusion[42].Sequence);
        run.Conclusion[42].Outcome |= MessageOutcome.Duplicate;

        var summary = Analyze(run);

        Assert.Equal(new MessageCounts(100, 100, 0, 99, 1, 1, 0), summary.Messages);
        Assert.Equal(99, summary.Hops[^1].Received);
        Assert.Equal(99, summary.EndToEnd.Count);
    }

    [Fact]
    public void Reordering_counts_first_arrivals_below_the_highest_sequence_seen()
    {
        var messages = Clean().ToList();
        (messages[2], messages[3]) = (messages[3], messages[2]);   // 0 1 3 2 4: one
        var twenty = messages[20];
        messages.RemoveAt(20);
        messages.Insert(25, twenty);                               // 19 21 .. 25 20 26: one
        var fifty = messages[50];
        messages.RemoveAt(50);
        messages.Insert(46, fifty);                                // 45 50 46 47 48 49 51: four
        var run = new ChainRun().Add(messages);
        run.Redeliver(1, from: 3, flagged: false);                 // a late duplicate is not a reordering

        var summary = Analyze(run);

        Assert.Equal(6, summary.Messages.Reordered);
        Assert.Equal(1, summary.Messages.Duplicates);
        Assert.Equal(100, summary.Messages.Received);
    }

    [Fact]
    public void Send_failures_are_counted_and_are_not_lost_on_the_next_hop()
    {
        var messages = Clean().Select(m => m.Sequence switch
        {
            3 or 4 => m with { Reach = 0, SendFailed = true },
            8 => m with { Reach = 1, SendFailed = true },
            _ => m,
        });

        var summary = Analyze(new ChainRun().Add(messages));

        Assert.Equal(new MessageCounts(100, 100, 2, 97, 3, 0, 0), summary.Messages);
        Assert.Equal([98L, 97L, 97L], summary.Hops.Select(h => h.Received));
        Assert.Equal([0L, 0L, 0L], summary.Hops.Select(h => h.LostBefore));
    }

    [Fact]
    public void Missing_action_records_leave_its_hops_unknown_but_the_run_measured()
    {
        var messages = Clean().Select(m => m.Sequence == 30 ? m with { Reach = 1 } : m);

        var summary = Analyze(new ChainRun().Add(messages), "action01");

        Assert.True(summary.Completed);
        Assert.Equal(new MessageCounts(100, 100, 0, 99, 1, 0, 0), summary.Messages);
        var (action01, action02, conclusion) = (summary.Hops[0], summary.Hops[1], summary.Hops[2]);
        Assert.Equal("action", action01.Role);
        Assert.Null(action01.Received);
        Assert.Null(action01.LostBefore);
        Assert.Equal(0, action01.ServiceTime.Count);
        Assert.Equal(99, action02.Received);
        Assert.Null(action02.LostBefore);
        Assert.Equal(0, action02.RoundTrip.Count);
        Assert.Equal(99, conclusion.Received);
        Assert.Equal(0, conclusion.LostBefore);
        Assert.Equal(99, summary.EndToEnd.Count);
    }

    [Fact]
    public void Missing_conclusion_records_mean_the_run_was_not_measured()
    {
        var summary = Analyze(new ChainRun().Add(Clean()), "conclusion");

        Assert.False(summary.Completed);
        Assert.Equal(new MessageCounts(100, 100, 0, 0, 0, 0, 0), summary.Messages);
        Assert.Equal(0, summary.EndToEnd.Count);
        Assert.NotNull(summary.Start);
        Assert.Equal(summary.Start!.Value.AddTicks(99 * Interval / 100), summary.End);
        var conclusion = summary.Hops[^1];
        Assert.Equal("conclusion", conclusion.Role);
        Assert.Null(conclusion.Received);
        Assert.Null(conclusion.LostBefore);
        Assert.Equal(0, Assert.Single(summary.Repetitions).Lost);
        Assert.Equal(100, summary.Hops[0].Received);
    }

    [Fact]
    public void Missing_trigger_records_mean_the_run_was_not_measured()
    {
        var summary = Analyze(new ChainRun().Add(Clean()), "trigger");

        Assert.False(summary.Completed);
        Assert.Equal(new MessageCounts(100, 0, 0, 100, 0, 0, 0), summary.Messages);
        Assert.Null(summary.Hops[0].LostBefore);
        Assert.Equal(100, summary.Hops[0].Received);
    }

    [Fact]
    public void A_negative_end_to_end_latency_adds_a_note()
    {
        var messages = Clean().Select(m => m.Sequence is 7 or 8 ? m with { EndToEnd = -5 * Millisecond } : m);

        var summary = RunAccounting.Analyze(TestScenarios.Constant(), "run-1", new ChainRun().Add(messages).Records(), ["collected late"]).Summary;

        Assert.Equal(2, summary.Notes.Count);
        Assert.Equal("collected late", summary.Notes[0]);
        Assert.StartsWith("2 end-to-end latencies were negative", summary.Notes[1], StringComparison.Ordinal);
        Assert.Equal(100, summary.EndToEnd.Count);
    }

    [Fact]
    public void Repetitions_are_summarized_apart_and_merged_by_adding_histograms()
    {
        // Repetition 1: 100 x 10 ms; repetition 2: 50 of 100 arrive, 20 ms; repetition 3: 50 of 100 arrive, 30 ms.
        // Added, p50 = 10 ms; averaging the repetitions' p50s would give 20 ms.
        var run = new ChainRun();
        for (var r = 1; r <= 3; r++)
        {
            var e2e = r * 10 * Millisecond;
            var lost = r == 1 ? 0 : 50;
            run.Add(Steady((r - 1) * 100, 100, r, Base + ((r - 1) * 3600_000 * Millisecond), Interval)
                .Select((m, i) => m with { EndToEnd = e2e, Reach = i < lost ? 1 : int.MaxValue }));
        }

        var summary = RunAccounting.Analyze(TestScenarios.Constant(repetitions: 3), "run-1", run.Records(), []).Summary;

        Assert.Equal(new MessageCounts(300, 300, 0, 200, 100, 0, 0), summary.Messages);
        Assert.Equal([1, 2, 3], summary.Repetitions.Select(r => r.Repetition));
        Assert.Equal([100L, 100L, 100L], summary.Repetitions.Select(r => r.Sent));
        Assert.Equal([100L, 50L, 50L], summary.Repetitions.Select(r => r.Received));
        Assert.Equal([0L, 50L, 50L], summary.Repetitions.Select(r => r.Lost));
        Assert.Equal(summary.Repetitions.Sum(r => r.EndToEnd.Count), summary.EndToEnd.Count);
        for (var r = 0; r < 3; r++)
        {
            AssertMs((r + 1) * 10, summary.Repetitions[r].EndToEnd.P50Ms);
            AssertMs((r + 1) * 10, summary.Repetitions[r].EndToEnd.MaxMs);
        }

        AssertMs(10, summary.EndToEnd.P50Ms);
        AssertMs(30, summary.EndToEnd.P90Ms);
        AssertMs(30, summary.EndToEnd.MaxMs);
        AssertMs(17.5, summary.EndToEnd.MeanMs);
        Assert.Equal(100, summary.Hops[1].LostBefore);

        // Each repetition spans 1 s at 100/s; the hour between them is not part of any rate.
        Assert.Equal(100, summary.Rate.Target, 1e-9);
        Assert.Equal(100, summary.Rate.Achieved, 1e-7);
        Assert.Equal(100, summary.Rate.Delivered, 1e-7);
    }

    [Theory]
    [InlineData(100, "1s", 1, 100)]
    [InlineData(50, "3s", 1, 150)]
    [InlineData(100, "1s", 4, 400)]
    [InlineData(20, "2 min", 2, 4800)]
    public void Scheduled_is_the_schedules_count_times_the_repetitions(double rate, string duration, int repetitions, long scheduled)
    {
        var scenario = TestScenarios.Constant(rate, duration, repetitions);

        var summary = RunAccounting.Analyze(scenario, "run-1", new ChainRun().Records(), []).Summary;

        Assert.Equal(scheduled, summary.Messages.Scheduled);
        Assert.Equal(rate, summary.Rate.Target, rate * 1e-12);
        Assert.Equal(0, summary.Messages.Sent);
        Assert.Equal(0, summary.Rate.Achieved);
        Assert.Null(summary.Start);
    }

    [Fact]
    public void A_steady_constant_schedule_is_sent_and_delivered_at_its_rate()
    {
        var summary = Analyze(new ChainRun().Add(Steady(0, 100, 1, Base, Interval).Select(m => m with { EndToEnd = 5 * Millisecond })));

        Assert.True(Math.Abs(summary.Rate.Target - 100) <= 100 * 1e-9, $"target {summary.Rate.Target}");
        Assert.True(Math.Abs(summary.Rate.Achieved - 100) <= 100 * 1e-9, $"achieved {summary.Rate.Achieved}");
        Assert.True(Math.Abs(summary.Rate.Delivered - 100) <= 100 * 1e-9, $"delivered {summary.Rate.Delivered}");
        Assert.Equal(Timing.UnixClock.ToDateTimeOffset(Base), summary.Start);
        Assert.Equal(Timing.UnixClock.ToDateTimeOffset(Base + (99 * Interval) + (5 * Millisecond)), summary.End);
    }

    [Fact]
    public void A_repetition_the_scenario_does_not_have_adds_a_note()
    {
        var run = new ChainRun().Add(Clean()).Add(new Message(100, 7, Base + (100 * Interval)));

        var summary = Analyze(run);

        Assert.Contains(summary.Notes, n => n.Contains("repetition 7", StringComparison.Ordinal));
        Assert.Single(summary.Notes);
        Assert.Equal([1, 7], summary.Repetitions.Select(r => r.Repetition));
        Assert.Equal(101, summary.Messages.Sent);
    }
}
