using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Pacing;

public static class Schedules
{
    public static ISchedule Create(OperationRate rate, TimeSpan duration, PacingMode pacing) => pacing switch
    {
        PacingMode.Linear => new LinearSchedule(rate, duration),
        PacingMode.Thesis => new ThesisSchedule(rate, duration),
        _ => throw new ArgumentOutOfRangeException(nameof(pacing), pacing, "unknown pacing mode"),
    };

    /// <summary>A constant rate, as the warm-up sends at ops.start.</summary>
    public static ISchedule Constant(double perSecond, TimeSpan duration) =>
        new LinearSchedule(new OperationRate(perSecond, perSecond), duration);
}
