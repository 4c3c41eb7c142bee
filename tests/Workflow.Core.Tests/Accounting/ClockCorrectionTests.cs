using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Timing;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.Workflow.Tests.Accounting;

/// <summary>Stamps of two clocks are compared on the collector's clock; spans on one clock are left as they are.</summary>
public class ClockCorrectionTests
{
    private const long Interval = 10 * Millisecond;
    private const long Skew = 3_700 * Millisecond;
    private const long Bound = 25_000;
    private const int Trigger = 0;
    private const int Action01 = 1;
    private const int Conclusion = 3;

    private static IEnumerable<Message> Clean() =>
        Steady(0, 100, 1, Base, Interval).Select((m, i) => m with { EndToEnd = (i + 1) * Millisecond });

    private static RunSummary Analyze(RunRecords records) => RunAccounting.Analyze(TestScenarios.Constant(), "run-1", records, []).Summary;

    private static RunSummary Unskewed() => Analyze(new ChainRun().Add(Clean()).Records());

    [Fact]
    public void A_conclusion_ahead_by_its_measured_offset_gives_the_latencies_of_one_clock()
    {
        var records = new ChainRun().Add(Clean()).Skew(Conclusion, Skew).Records()
            .WithClocks(Bound, (Conclusion, SkewedClocks.Steady("conclusion", Skew, Bound)));

        var summary = Analyze(records);
        var reference = Unskewed();

        Assert.Equal(reference.EndToEnd, summary.EndToEnd);
        Assert.Equal(reference.Hops, summary.Hops.Select(h => h with { TransitErrorBoundMs = null }));
        Assert.Equal(reference.Repetitions, summary.Repetitions);
        Assert.Equal(reference.End, summary.End);
        Assert.Equal(reference.Rate, summary.Rate);
        Assert.Empty(summary.Notes);
    }

    [Fact]
    public void Without_the_offsets_the_same_stamps_are_off_by_the_skew()
    {
        var summary = Analyze(new ChainRun().Add(Clean()).Skew(Conclusion, Skew).Records());

        Assert.InRange(summary.EndToEnd.MinMs, 3_701 * 0.999, 3_701 * 1.001);
        Assert.InRange(summary.Hops[^1].Transit.P50Ms, 3_700 * 0.999, 3_700 * 1.001);
        Assert.Equal(Unskewed().Hops[^1].ServiceTime, summary.Hops[^1].ServiceTime);
        Assert.Empty(summary.Clocks);
        Assert.Null(summary.EndToEndErrorBoundMs);
    }

    [Fact]
    public void A_trigger_behind_moves_its_intended_and_sent_times_but_not_its_generator_lag()
    {
        var messages = Clean().Select(m => m with { Lag = 2 * Millisecond });
        var records = new ChainRun().Add(messages).Skew(Trigger, -Skew).Records()
            .WithClocks(Bound, (Trigger, SkewedClocks.Steady("trigger", -Skew, Bound)));

        var summary = Analyze(records);
        var reference = Analyze(new ChainRun().Add(messages).Records());

        Assert.Equal(reference.EndToEnd, summary.EndToEnd);
        Assert.Equal(reference.GeneratorLag, summary.GeneratorLag);
        Assert.Equal(reference.Start, summary.Start);
        Assert.Equal(reference.Hops[0].Transit, summary.Hops[0].Transit);
        Assert.Equal(reference.Hops[0].RoundTrip, summary.Hops[0].RoundTrip);
    }

    [Fact]
    public void An_action_on_its_own_clock_keeps_its_service_time_and_both_its_transits()
    {
        var records = new ChainRun().Add(Clean()).Skew(Action01, 750 * Millisecond).Records()
            .WithClocks(Bound, (Action01, SkewedClocks.Steady("action01", 750 * Millisecond, Bound)));

        var summary = Analyze(records);

        Assert.Equal(Unskewed().Hops, summary.Hops.Select(h => h with { TransitErrorBoundMs = null }));
    }

    [Fact]
    public void The_summary_lists_every_clock_and_the_end_to_end_bound_is_the_trigger_s_plus_the_conclusion_s()
    {
        var records = new ChainRun().Add(Clean()).Skew(Conclusion, Skew).Records()
            .WithClocks(Bound, (Conclusion, SkewedClocks.Steady("conclusion", Skew, 40_000)));

        var summary = Analyze(records);

        Assert.Equal(["trigger", "action01", "action02", "conclusion"], summary.Clocks.Select(c => c.Component));
        Assert.Equal(new ClockSummary("conclusion", 3_700, 0.04, 0), summary.Clocks[^1]);
        Assert.Equal(new ClockSummary("trigger", 0, 0.025, 0), summary.Clocks[0]);
        Assert.Equal(0.065, summary.EndToEndErrorBoundMs!.Value, 9);
        Assert.Equal([0.05, 0.05, 0.065], summary.Hops.Select(h => Math.Round(h.TransitErrorBoundMs!.Value, 9)));
    }

    [Fact]
    public void An_error_in_the_measured_offset_moves_end_to_end_latency_by_no_more_than_its_bound()
    {
        const long error = 18_000;
        var records = new ChainRun().Add(Clean()).Skew(Conclusion, Skew).Records()
            .WithClocks(Bound, (Conclusion, SkewedClocks.Steady("conclusion", Skew + error, Bound)));

        var summary = Analyze(records);
        var reference = Unskewed().EndToEnd;

        var bound = summary.EndToEndErrorBoundMs!.Value;
        var precision = reference.MeanMs * 1e-3;

        Assert.True(error <= Bound);
        Assert.Equal(reference.Count, summary.EndToEnd.Count);
        Assert.InRange(summary.EndToEnd.MeanMs, reference.MeanMs - bound - precision, reference.MeanMs + bound + precision);
        Assert.InRange(summary.EndToEnd.MinMs, reference.MinMs - bound - precision, reference.MinMs + bound + precision);
        Assert.NotEqual(reference.MinMs, summary.EndToEnd.MinMs);
    }

    [Fact]
    public void A_drifting_clock_is_corrected_by_the_offset_interpolated_between_its_two_readings()
    {
        // The conclusion's clock runs 20 ppm fast: 3.7 s ahead at Base, 20 µs more for every second after.
        const double rate = 20e-6;
        long OffsetAt(long collectorTime) => Skew + (long)Math.Round((collectorTime - Base) * rate);
        var after = Base + (2 * 1_000_000_000L);
        var clock = new ComponentClock(
            "conclusion",
            new ClockReading(OffsetAt(Base), Bound, Base, 16),
            new ClockReading(OffsetAt(after), Bound, after, 16));
        var records = new ChainRun().Add(Clean()).Skew(Conclusion, OffsetAt).Records().WithClocks(Bound, (Conclusion, clock));

        var summary = Analyze(records);

        Assert.Equal(0.04, summary.Clocks[^1].DriftMs!.Value, 9);
        Assert.Equal(Unskewed().EndToEnd, summary.EndToEnd);
    }

    [Fact]
    public void The_drain_cut_is_on_the_collector_s_clock()
    {
        var deadline = Base + (50 * Interval) - Millisecond;
        var records = new ChainRun().Add(Clean()).Skew(Conclusion, Skew).Records()
            .WithClocks(Bound, (Conclusion, SkewedClocks.Steady("conclusion", Skew, Bound))) with { DrainDeadlineNanos = deadline };

        var summary = Analyze(records);

        Assert.Equal(new MessageCounts(100, 100, 0, 46, 54, 0, 0), summary.Messages);
    }

    [Fact]
    public void A_clock_never_measured_is_a_note_and_its_stamps_are_taken_as_they_are()
    {
        var records = new ChainRun().Add(Clean()).Skew(Conclusion, Skew).Records()
            .WithClocks(Bound, (Conclusion, new ComponentClock("conclusion", null, null)), (Action01, new ComponentClock("action01", new ClockReading(0, Bound, Base, 16), null)));

        var summary = Analyze(records);

        Assert.Equal(
            [
                "action01: clock measured only before the run; its drift is unknown",
                "conclusion: clock not measured (no answer to /clock before or after the run); its stamps are used uncorrected",
            ],
            summary.Notes);
        Assert.InRange(summary.EndToEnd.MinMs, 3_701 * 0.999, 3_701 * 1.001);
        Assert.Null(summary.EndToEndErrorBoundMs);
        Assert.Equal(new ClockSummary("conclusion", null, null, null), summary.Clocks[^1]);
    }
}
