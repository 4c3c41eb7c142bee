namespace MeshAspire.Workflow.Scenarios;

/// <summary>Collects the errors found in one scenario file.</summary>
internal sealed class ScenarioErrorSink(string file)
{
    private readonly List<ScenarioError> errors = [];

    public bool HasErrors => errors.Count > 0;

    public void Add(int line, string? key, string message, string? hint = null) =>
        errors.Add(new ScenarioError(file, line, key, message, hint));

    /// <summary>The errors in line order; errors on one line keep the order they were found in.</summary>
    public IReadOnlyList<ScenarioError> ToList() => [.. errors.OrderBy(e => e.Line)];
}
