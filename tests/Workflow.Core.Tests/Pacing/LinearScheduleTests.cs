using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Pacing;

public class LinearScheduleTests
{
    private static readonly TimeSpan TwoMinutes = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Ten_per_second_for_two_minutes_sends_1200()
    {
        Assert.Equal(1_200, new LinearSchedule(new OperationRate(10, 10), TwoMinutes).Count);
    }

    [Fact]
    public void Ramp_from_1_to_1000_per_second_over_five_minutes_sends_150150()
    {
        Assert.Equal(150_150, new LinearSchedule(new OperationRate(1, 1000), FiveMinutes).Count);
    }

    [Fact]
    public void Decreasing_ramp_sends_as_many_as_the_increasing_one()
    {
        Assert.Equal(150_150, new LinearSchedule(new OperationRate(1000, 1), FiveMinutes).Count);
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(1000, 1)]
    [InlineData(100, 100.000001)]
    [InlineData(3, 3)]
    public void Offsets_start_at_zero_never_decrease_and_stay_below_the_duration(double start, double end)
    {
        var schedule = new LinearSchedule(new OperationRate(start, end), FiveMinutes);
        var durationNanos = FiveMinutes.Ticks * 100;

        Assert.Equal(0, schedule.IntendedOffsetNanos(0));
        var previous = 0L;
        for (long i = 1; i < schedule.Count; i++)
        {
            var offset = schedule.IntendedOffsetNanos(i);
            Assert.True(offset >= previous, $"offset {i} = {offset} < {previous}");
            previous = offset;
        }

        Assert.True(previous < durationNanos);
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(1000, 1)]
    public void Offsets_solve_the_quadratic(double r0, double r1)
    {
        var schedule = new LinearSchedule(new OperationRate(r0, r1), FiveMinutes);
        var seconds = FiveMinutes.TotalSeconds;
        var a = (r1 - r0) / (2 * seconds);

        foreach (var i in new long[] { 1, 2, 10, 1_000, 75_075, 150_149 })
        {
            var textbook = (-r0 + Math.Sqrt((r0 * r0) + (4 * a * i))) / (2 * a);
            var t = schedule.IntendedOffsetNanos(i) / 1e9;

            Assert.Equal(textbook, t, 1e-8);
            Assert.Equal(i, (r0 * t) + (a * t * t), 1e-4);
        }
    }

    [Fact]
    public void Ramp_from_1_to_1000_has_its_midpoint_where_the_closed_form_puts_it()
    {
        var schedule = new LinearSchedule(new OperationRate(1, 1000), FiveMinutes);

        // N(t) = t + 999 t^2 / 600 = 75_075 gives t = (-1 + sqrt(1 + 4 * 999 / 600 * 75_075)) / (2 * 999 / 600).
        Assert.InRange(schedule.IntendedOffsetNanos(75_075), 212_044_183_607, 212_044_185_607);
    }

    [Fact]
    public void Rates_that_differ_by_a_hair_give_the_constant_rate_offsets()
    {
        var schedule = new LinearSchedule(new OperationRate(100, 100 * (1 + 1e-14)), FiveMinutes);

        Assert.Equal(30_000, schedule.Count);
        foreach (var i in new long[] { 1, 7, 12_345, 29_999 })
        {
            Assert.InRange(schedule.IntendedOffsetNanos(i), (i * 10_000_000) - 1, (i * 10_000_000) + 1);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(7)]
    [InlineData(3)]
    public void Constant_rate_offsets_are_exactly_i_over_r(double perSecond)
    {
        var schedule = new LinearSchedule(new OperationRate(perSecond, perSecond), TwoMinutes);

        for (long i = 0; i < schedule.Count; i++)
        {
            Assert.Equal((long)Math.Round(i * 1e9 / perSecond), schedule.IntendedOffsetNanos(i));
        }
    }

    [Fact]
    public void Later_messages_of_a_decreasing_ramp_are_further_apart()
    {
        var schedule = new LinearSchedule(new OperationRate(1000, 1), FiveMinutes);

        var firstGap = schedule.IntendedOffsetNanos(1) - schedule.IntendedOffsetNanos(0);
        var lastGap = schedule.IntendedOffsetNanos(schedule.Count - 1) - schedule.IntendedOffsetNanos(schedule.Count - 2);

        Assert.InRange(firstGap, 999_990, 1_000_010);
        Assert.True(lastGap > 250 * firstGap, $"last gap {lastGap} ns");
    }

    [Fact]
    public void Floating_error_in_the_total_neither_adds_nor_drops_a_message()
    {
        // In binary floating point 1.1 * 100 is 110.00000000000001: a plain ceiling would add a 111th message at T.
        Assert.Equal(110, new LinearSchedule(new OperationRate(1.1, 1.1), TimeSpan.FromSeconds(100)).Count);
        Assert.Equal(410, new LinearSchedule(new OperationRate(4.1, 4.1), TimeSpan.FromSeconds(100)).Count);
        Assert.Equal(2, new LinearSchedule(new OperationRate(1.5, 1.5), TimeSpan.FromSeconds(1)).Count);
    }

    [Fact]
    public void Zero_duration_sends_nothing()
    {
        Assert.Equal(0, new LinearSchedule(new OperationRate(5, 5), TimeSpan.Zero).Count);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, -1)]
    [InlineData(double.NaN, 10)]
    [InlineData(10, double.PositiveInfinity)]
    public void Rates_must_be_positive_and_finite(double start, double end)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSchedule(new OperationRate(start, end), TwoMinutes));
    }

    [Fact]
    public void Indexes_outside_the_schedule_are_rejected()
    {
        var schedule = new LinearSchedule(new OperationRate(10, 10), TwoMinutes);

        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.IntendedOffsetNanos(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.IntendedOffsetNanos(1_200));
    }
}
