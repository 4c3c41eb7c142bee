using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Tests.Clocks;

/// <summary>The NTP-style estimate: offset and delay of one probe, the least-delay reading, drift between two readings.</summary>
public class ClockEstimateTests
{
    private const long T = 1_700_000_000_000_000_000L;
    private const long Microsecond = 1_000;

    /// <summary>
    /// A probe to a component whose clock is <paramref name="offset"/> ahead: <paramref name="outbound"/> on the way
    /// there, <paramref name="handling"/> inside the component, <paramref name="inbound"/> on the way back.
    /// </summary>
    private static ClockProbe Probe(long start, long offset, long outbound, long handling, long inbound) =>
        new(start, start + outbound + offset, start + outbound + handling + offset, start + outbound + handling + inbound);

    [Fact]
    public void A_symmetric_probe_finds_the_offset_exactly_and_its_delay_leaves_out_the_handling()
    {
        var probe = Probe(T, offset: 3_700_000 * Microsecond, outbound: 40 * Microsecond, handling: 15 * Microsecond, inbound: 40 * Microsecond);

        Assert.Equal(3_700_000 * Microsecond, probe.OffsetNanos);
        Assert.Equal(80 * Microsecond, probe.DelayNanos);
        Assert.Equal(T + (95 * Microsecond / 2), probe.MidpointNanos);
    }

    [Fact]
    public void An_asymmetric_probe_is_off_by_half_the_asymmetry_which_half_its_delay_bounds()
    {
        var probe = Probe(T, offset: -250 * Microsecond, outbound: 90 * Microsecond, handling: 5 * Microsecond, inbound: 10 * Microsecond);

        Assert.Equal((-250 + 40) * Microsecond, probe.OffsetNanos);
        Assert.True(Math.Abs(probe.OffsetNanos - (-250 * Microsecond)) <= probe.DelayNanos / 2);
    }

    [Fact]
    public void The_reading_is_the_probe_with_the_least_delay_and_its_bound_half_that_delay()
    {
        var offset = 12_345 * Microsecond;
        ClockProbe[] probes =
        [
            Probe(T, offset, outbound: 900 * Microsecond, handling: 10 * Microsecond, inbound: 100 * Microsecond),
            Probe(T + 5_000_000, offset, outbound: 30 * Microsecond, handling: 10 * Microsecond, inbound: 21 * Microsecond),
            Probe(T + 10_000_000, offset, outbound: 200 * Microsecond, handling: 10 * Microsecond, inbound: 200 * Microsecond),
        ];

        var reading = ClockReading.FromProbes(probes);

        Assert.NotNull(reading);
        Assert.Equal(probes[1].OffsetNanos, reading.OffsetNanos);
        Assert.Equal(offset + (4_500), reading.OffsetNanos);
        Assert.Equal(25_500, reading.ErrorBoundNanos);
        Assert.Equal(probes[1].MidpointNanos, reading.AtNanos);
        Assert.Equal(3, reading.Probes);
        Assert.InRange(offset, reading.OffsetNanos - reading.ErrorBoundNanos, reading.OffsetNanos + reading.ErrorBoundNanos);
    }

    [Fact]
    public void A_probe_with_a_negative_delay_is_left_out_and_no_probe_gives_no_reading()
    {
        var jumped = new ClockProbe(T, T + 1_000_000, T + 3_000_000, T + 1_000);
        var good = Probe(T, 0, outbound: 50 * Microsecond, handling: 1 * Microsecond, inbound: 50 * Microsecond);

        Assert.True(jumped.DelayNanos < 0);
        Assert.Null(ClockReading.FromProbes([]));
        Assert.Null(ClockReading.FromProbes([jumped]));
        Assert.Equal(good.OffsetNanos, ClockReading.FromProbes([jumped, good])!.OffsetNanos);
    }

    [Fact]
    public void The_offset_goes_linearly_from_the_reading_before_to_the_one_after()
    {
        var before = new ClockReading(OffsetNanos: 5_000_000, ErrorBoundNanos: 20_000, AtNanos: T, Probes: 16);
        var after = new ClockReading(OffsetNanos: 5_600_000, ErrorBoundNanos: 35_000, AtNanos: T + 60_000_000_000, Probes: 16);
        var clock = new ComponentClock("conclusion", before, after);

        Assert.Equal(600_000, clock.DriftNanos);
        Assert.Equal(35_000, clock.ErrorBoundNanos);
        Assert.Equal(5_000_000, clock.OffsetAt(T + 5_000_000));
        Assert.Equal(5_300_000, clock.OffsetAt(T + 30_000_000_000 + 5_300_000));
        Assert.Equal(5_600_000, clock.OffsetAt(T + 60_000_000_000 + 5_600_000));
        Assert.Equal(T + 30_000_000_000, clock.ToCollectorClock(T + 30_000_000_000 + 5_300_000));
    }

    [Fact]
    public void Outside_the_two_readings_the_offset_stays_at_the_nearer_one()
    {
        var clock = new ComponentClock(
            "action01",
            new ClockReading(1_000, 10, T, 16),
            new ClockReading(3_000, 10, T + 1_000_000_000, 16));

        Assert.Equal(1_000, clock.OffsetAt(T - 7_000_000_000));
        Assert.Equal(3_000, clock.OffsetAt(T + 9_000_000_000));
    }

    [Fact]
    public void One_reading_is_applied_as_it_is_and_none_leaves_the_stamps_alone()
    {
        var reading = new ClockReading(-42_000, 7_000, T, 3);

        var onlyBefore = new ComponentClock("a", reading, null);
        var onlyAfter = new ComponentClock("a", null, reading);
        var never = new ComponentClock("a", null, null);

        Assert.Equal(T + 42_000, onlyBefore.ToCollectorClock(T));
        Assert.Equal(T + 42_000, onlyAfter.ToCollectorClock(T));
        Assert.Null(onlyBefore.DriftNanos);
        Assert.Equal(7_000, onlyAfter.ErrorBoundNanos);
        Assert.False(never.IsMeasured);
        Assert.Null(never.ErrorBoundNanos);
        Assert.Equal(T, never.ToCollectorClock(T));
    }
}
