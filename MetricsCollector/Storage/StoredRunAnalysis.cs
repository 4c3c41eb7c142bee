using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>Turns what a store kept back into a <see cref="StoredRun"/>: the analysis is recomputed, never read.</summary>
public static class StoredRunAnalysis
{
    /// <summary>The note a run gets when it began but never completed (no records were stored).</summary>
    public const string NotCompletedNote = "the run was not completed: its records were never stored";

    /// <summary>A component's role from its place in the chain, for a component whose records were not had.</summary>
    public static ComponentRole RoleAt(int index, int count) =>
        index == 0 ? ComponentRole.Trigger : index == count - 1 ? ComponentRole.Conclusion : ComponentRole.Action;

    public static Scenario ParseScenario(RunDescriptor run)
    {
        var parsed = ScenarioParser.ParseText(run.ScenarioText, run.Scenario + ".properties");
        return parsed.Scenario
            ?? throw new InvalidDataException($"run {run.RunId}: its stored scenario does not parse: {string.Join("; ", parsed.Errors)}");
    }

    public static StoredRun Recompute(RunDescriptor run, RunRecords records, IReadOnlyList<string> collectionNotes) =>
        new(run, RunAccounting.Analyze(ParseScenario(run), run.RunId, records, collectionNotes), records);

    /// <summary>A run that began and was never completed: every component's records unavailable.</summary>
    public static StoredRun NotCompleted(RunDescriptor run)
    {
        var scenario = ParseScenario(run);
        var chain = scenario.Chain.Select(c => c.RootName).ToArray();
        var records = new RunRecords(chain, new ComponentRecords?[chain.Length]);
        return new StoredRun(run, RunAccounting.Analyze(scenario, run.RunId, records, [NotCompletedNote]), records);
    }
}
