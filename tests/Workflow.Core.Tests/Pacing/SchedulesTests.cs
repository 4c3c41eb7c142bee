using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Pacing;

public class SchedulesTests
{
    private static readonly OperationRate Ramp = new(1, 1000);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Linear_pacing_makes_a_linear_schedule()
    {
        Assert.Equal(150_150, Assert.IsType<LinearSchedule>(Schedules.Create(Ramp, FiveMinutes, PacingMode.Linear)).Count);
    }

    [Fact]
    public void Thesis_pacing_makes_a_thesis_schedule()
    {
        Assert.Equal(2_094, Assert.IsType<ThesisSchedule>(Schedules.Create(Ramp, FiveMinutes, PacingMode.Thesis)).Count);
    }

    [Fact]
    public void Constant_sends_at_one_rate()
    {
        var warmup = Schedules.Constant(50, TimeSpan.FromSeconds(10));

        Assert.Equal(500, warmup.Count);
        Assert.Equal(20_000_000, warmup.IntendedOffsetNanos(1));
    }

    [Fact]
    public void Constant_over_no_time_sends_nothing()
    {
        Assert.Equal(0, Schedules.Constant(50, TimeSpan.Zero).Count);
    }
}
