namespace MeshAspire.Workflow.Scenarios;

/// <summary>A problem in a scenario file, located by file, line and key.</summary>
/// <param name="File">The file as given by the user.</param>
/// <param name="Line">1-based line, or 0 when the problem belongs to the whole file.</param>
/// <param name="Key">The key concerned, or null.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Hint">A suggestion, such as the nearest known key, or null.</param>
public sealed record ScenarioError(string File, int Line, string? Key, string Message, string? Hint = null)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var key = Key is null ? string.Empty : $" key '{Key}':";
        var hint = Hint is null ? string.Empty : $" ({Hint})";
        return $"{where}:{key} {Message}{hint}";
    }
}
