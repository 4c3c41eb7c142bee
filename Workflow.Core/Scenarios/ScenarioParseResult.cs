namespace MeshAspire.Workflow.Scenarios;

/// <summary>Either a scenario or every error found in the file.</summary>
public sealed record ScenarioParseResult(Scenario? Scenario, IReadOnlyList<ScenarioError> Errors)
{
    public bool Succeeded => Scenario is not null && Errors.Count == 0;
}
