using System.Globalization;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.MetricsCollector.Results;

/// <summary>
/// clocks.csv: one row per component with its clock readings before and after the run (empty where it did not
/// answer): offset = its clock minus the collector's, error bound, when it was read (the collector's clock) and how
/// many probes were answered. A stamp of messages.csv moves to the collector's clock as stamp − offset, the offset
/// going linearly from the reading before to the one after.
/// </summary>
public static class ClocksCsvWriter
{
    public const string Header =
        "component,offset_before_ns,error_bound_before_ns,measured_before_ns,probes_before,offset_after_ns,error_bound_after_ns,measured_after_ns,probes_after";

    public static void Write(IReadOnlyList<ComponentClock> clocks, TextWriter output)
    {
        output.Write(Header);
        output.Write('\n');
        foreach (var clock in clocks)
        {
            output.Write(clock.Component);
            Reading(output, clock.Before);
            Reading(output, clock.After);
            output.Write('\n');
        }
    }

    private static void Reading(TextWriter output, ClockReading? reading) =>
        output.Write(reading is null
            ? ",,,,"
            : string.Create(CultureInfo.InvariantCulture, $",{reading.OffsetNanos},{reading.ErrorBoundNanos},{reading.AtNanos},{reading.Probes}"));
}
