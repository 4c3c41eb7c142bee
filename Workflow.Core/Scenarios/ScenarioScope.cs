namespace MeshAspire.Workflow.Scenarios;

/// <summary>
/// The keys given in one scope: before the first section (<see cref="Role"/> null, <see cref="HeaderLine"/> 0)
/// or in one section. Remembers each key's line and which values were rejected.
/// </summary>
internal sealed class ScenarioScope(ComponentRole? role, int headerLine)
{
    private readonly Dictionary<string, ScenarioLine> entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> invalid = new(StringComparer.Ordinal);

    public ComponentRole? Role { get; } = role;

    public int HeaderLine { get; } = headerLine;

    /// <summary>Adds a key, or reports it as given twice (the first one is kept).</summary>
    public void Add(ScenarioLine line, ScenarioErrorSink errors)
    {
        if (entries.TryGetValue(line.Name, out var first))
        {
            var where = Role is null ? "before the first section" : $"in the [{RoleName(Role.Value)}] section of line {HeaderLine}";
            errors.Add(
                line.Number,
                line.Name,
                $"given twice {where}: first on line {first.Number}, again on line {line.Number}",
                "keep one of the two lines");
            return;
        }

        entries.Add(line.Name, line);
    }

    public bool Has(string key) => entries.ContainsKey(key);

    public bool TryGet(string key, out ScenarioLine line) => entries.TryGetValue(key, out line!);

    /// <summary>The line of <paramref name="key"/>, or the header line when it is not given.</summary>
    public int LineOf(string key) => entries.TryGetValue(key, out var line) ? line.Number : HeaderLine;

    /// <summary>Whether the key was given with a value that was rejected (and reported).</summary>
    public bool IsInvalid(string key) => invalid.Contains(key);

    public void MarkInvalid(string key) => invalid.Add(key);

    public static string RoleName(ComponentRole role) => role switch
    {
        ComponentRole.Trigger => "trigger",
        ComponentRole.Action => "action",
        ComponentRole.Conclusion => "conclusion",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
