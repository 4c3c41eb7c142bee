using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Pacing;

public class ProcessingCapacityTests
{
    private const long Now = 1_750_000_000_000_000_000;
    private const long Second = 1_000_000_000;
    private const long Milli = 1_000_000;
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public void Unlimited_capacity_processes_every_message_at_once()
    {
        var capacity = new ProcessingCapacity(null, TenSeconds, PacingMode.Linear);

        Assert.True(capacity.IsUnlimited);
        Assert.Equal(Now, capacity.NextSlot(Now));
        Assert.Equal(Now, capacity.NextSlot(Now));
        Assert.Equal(Now + 5, capacity.NextSlot(Now + 5));
    }

    [Fact]
    public void A_burst_arriving_at_one_instant_is_spread_one_over_r_apart()
    {
        var capacity = new ProcessingCapacity(new OperationRate(10, 10), TenSeconds, PacingMode.Linear);

        var slots = Enumerable.Range(0, 5).Select(_ => capacity.NextSlot(Now)).ToArray();

        Assert.Equal([Now, Now + (Second / 10), Now + (2 * Second / 10), Now + (3 * Second / 10), Now + (4 * Second / 10)], slots);
    }

    [Fact]
    public void Idle_time_is_not_banked()
    {
        var capacity = new ProcessingCapacity(new OperationRate(10, 10), TenSeconds, PacingMode.Linear);
        capacity.NextSlot(Now);

        var afterPause = capacity.NextSlot(Now + (5 * Second));
        var next = capacity.NextSlot(Now + (5 * Second));

        Assert.Equal(Now + (5 * Second), afterPause);
        Assert.Equal(Now + (5 * Second) + (Second / 10), next);
    }

    [Fact]
    public void The_rate_ramps_from_the_first_message_and_then_holds_the_end_rate()
    {
        var capacity = new ProcessingCapacity(new OperationRate(10, 20), TenSeconds, PacingMode.Linear);

        Assert.Equal(Now, capacity.NextSlot(Now));
        Assert.Equal(Now + (Second / 10), capacity.NextSlot(Now));

        var halfway = Now + (5 * Second);
        capacity.NextSlot(halfway);
        Assert.Equal(halfway + 66_666_667, capacity.NextSlot(halfway));

        var late = Now + (60 * Second);
        capacity.NextSlot(late);
        Assert.Equal(late + (Second / 20), capacity.NextSlot(late));
    }

    [Fact]
    public void Thesis_pacing_spaces_messages_by_whole_millisecond_waits()
    {
        var capacity = new ProcessingCapacity(new OperationRate(3, 3), TenSeconds, PacingMode.Thesis);

        capacity.NextSlot(Now);

        Assert.Equal(Now + (333 * Milli), capacity.NextSlot(Now));
        Assert.Equal(Now + (666 * Milli), capacity.NextSlot(Now));
    }

    [Fact]
    public void Thesis_ramp_waits_the_code_5_20_wait_at_the_elapsed_time()
    {
        var capacity = new ProcessingCapacity(new OperationRate(1, 1000), TimeSpan.FromMinutes(5), PacingMode.Thesis);

        capacity.NextSlot(Now);
        Assert.Equal(Now + (1000 * Milli), capacity.NextSlot(Now));

        var halfway = Now + (150 * Second);
        capacity.NextSlot(halfway);
        Assert.Equal(halfway + (501 * Milli), capacity.NextSlot(halfway));
    }

    [Fact]
    public void Thesis_capacity_above_1000_per_second_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ProcessingCapacity(new OperationRate(2000, 2000), TenSeconds, PacingMode.Thesis));
    }
}
