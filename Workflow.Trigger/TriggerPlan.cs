using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Trigger;

/// <summary>One pass of the schedule: warm-up is repetition 0, measured passes are 1..repetitions.</summary>
public sealed record TriggerPass(int Repetition, ISchedule Schedule, long FirstSequence);

/// <summary>The trigger's whole load: an optional warm-up at ops.start, then the schedule once per repetition.</summary>
public sealed record TriggerPlan(IReadOnlyList<TriggerPass> Passes)
{
    public long TotalMessages => Passes.Sum(p => p.Schedule.Count);

    public static TriggerPlan For(Scenario scenario)
    {
        var settings = scenario.Settings;
        var rate = scenario.Trigger.Operations
            ?? throw new InvalidOperationException("the trigger has no operation.ops.*; the parser should have refused the scenario");
        var passes = new List<TriggerPass>();
        long next = 0;
        if (settings.Warmup > TimeSpan.Zero)
        {
            var warmup = Schedules.Constant(rate.Start, settings.Warmup);
            passes.Add(new TriggerPass(0, warmup, next));
            next += warmup.Count;
        }

        for (var repetition = 1; repetition <= settings.Repetitions; repetition++)
        {
            var schedule = Schedules.Create(rate, settings.Duration, settings.Pacing);
            passes.Add(new TriggerPass(repetition, schedule, next));
            next += schedule.Count;
        }

        return new TriggerPlan(passes);
    }
}
