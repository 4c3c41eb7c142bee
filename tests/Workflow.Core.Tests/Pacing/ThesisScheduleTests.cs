using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Pacing;

public class ThesisScheduleTests
{
    private const long NanosPerMilli = 1_000_000;
    private static readonly TimeSpan TwoMinutes = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Ten_per_second_for_two_minutes_sends_1200_every_100_ms()
    {
        var schedule = new ThesisSchedule(new OperationRate(10, 10), TwoMinutes);

        Assert.Equal(1_200, schedule.Count);
        for (long i = 0; i < schedule.Count; i++)
        {
            Assert.Equal(i * 100 * NanosPerMilli, schedule.IntendedOffsetNanos(i));
        }
    }

    [Fact]
    public void Ramp_from_1_to_1000_per_second_over_five_minutes_sends_2094()
    {
        Assert.Equal(2_094, new ThesisSchedule(new OperationRate(1, 1000), FiveMinutes).Count);
    }

    [Fact]
    public void Ramp_from_1_to_1000_matches_a_plain_replay_of_code_5_20()
    {
        var schedule = new ThesisSchedule(new OperationRate(1, 1000), FiveMinutes);

        var expected = ReplayCode520(startOps: 1, endOps: 1000, durationMillis: 300_000);

        Assert.Equal(expected.Count, schedule.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] * NanosPerMilli, schedule.IntendedOffsetNanos(i));
        }
    }

    [Fact]
    public void Ramp_from_1_to_1000_waits_1000_ms_first_and_1_ms_last()
    {
        var schedule = new ThesisSchedule(new OperationRate(1, 1000), FiveMinutes);

        Assert.Equal(1_000 * NanosPerMilli, schedule.IntendedOffsetNanos(1) - schedule.IntendedOffsetNanos(0));
        Assert.Equal(1 * NanosPerMilli, schedule.IntendedOffsetNanos(schedule.Count - 1) - schedule.IntendedOffsetNanos(schedule.Count - 2));
    }

    [Fact]
    public void Waits_are_1000_over_ops_in_whole_milliseconds()
    {
        var wait = new ThesisWait(new OperationRate(1, 1000), FiveMinutes);

        Assert.Equal(1_000, wait.StartMillis);
        Assert.Equal(1, wait.EndMillis);
        Assert.Equal(1_000, wait.MillisAt(0));
        Assert.Equal(1, wait.MillisAt(300_000));
        Assert.Equal(1, wait.MillisAt(900_000));
    }

    [Theory]
    [InlineData(3, 333)]
    [InlineData(0.5, 2_000)]
    [InlineData(0.1, 10_000)]
    [InlineData(999, 1)]
    [InlineData(1000, 1)]
    public void Start_wait_is_the_floor_of_1000_over_ops(double ops, long millis)
    {
        Assert.Equal(millis, new ThesisWait(new OperationRate(ops, ops), TwoMinutes).StartMillis);
    }

    [Fact]
    public void Halfway_wait_rounds_half_up()
    {
        // (1 - 0.5) * 1000 + 0.5 * 1 = 500.5, which Java's Math.round makes 501.
        Assert.Equal(501, new ThesisWait(new OperationRate(1, 1000), FiveMinutes).MillisAt(150_000));
    }

    [Theory]
    [InlineData(1, 2000)]
    [InlineData(2000, 1)]
    [InlineData(1001, 1001)]
    public void Rates_above_1000_per_second_are_rejected_because_the_wait_would_be_zero(double start, double end)
    {
        Assert.Throws<ArgumentException>(() => new ThesisSchedule(new OperationRate(start, end), FiveMinutes));
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(1000, 1)]
    [InlineData(7, 300)]
    public void Offsets_never_decrease_and_stay_below_the_duration(double start, double end)
    {
        var schedule = new ThesisSchedule(new OperationRate(start, end), FiveMinutes);

        Assert.Equal(0, schedule.IntendedOffsetNanos(0));
        for (long i = 1; i < schedule.Count; i++)
        {
            Assert.True(schedule.IntendedOffsetNanos(i) > schedule.IntendedOffsetNanos(i - 1));
        }

        Assert.True(schedule.IntendedOffsetNanos(schedule.Count - 1) < FiveMinutes.Ticks * 100);
    }

    [Fact]
    public void Constant_schedule_counts_a_send_exactly_at_the_end_out()
    {
        Assert.Equal(3, new ThesisSchedule(new OperationRate(1, 1), TimeSpan.FromSeconds(3)).Count);
        Assert.Equal(4, new ThesisSchedule(new OperationRate(1, 1), TimeSpan.FromMilliseconds(3_001)).Count);
        Assert.Equal(0, new ThesisSchedule(new OperationRate(1, 1), TimeSpan.Zero).Count);
    }

    /// <summary>Code 5-20 with System.currentTimeMillis() replaced by the time of the last send.</summary>
    private static List<long> ReplayCode520(int startOps, int endOps, long durationMillis)
    {
        long startWait = 1000 / startOps;
        long endWait = 1000 / endOps;
        var sends = new List<long>();
        for (long elapsed = 0; elapsed < durationMillis;)
        {
            sends.Add(elapsed);
            var t = elapsed < durationMillis ? elapsed / (double)durationMillis : 1.0;
            elapsed += (long)Math.Floor(((1.0 - t) * startWait) + (t * endWait) + 0.5);
        }

        return sends;
    }
}
