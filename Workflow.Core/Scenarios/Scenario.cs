namespace MeshAspire.Workflow.Scenarios;

/// <summary>A parsed, validated scenario: global settings and the components in chain order.</summary>
public sealed record Scenario
{
    /// <summary>The file it was read from, as given.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The file name without extension, used to name runs.</summary>
    public string Name => Path.GetFileNameWithoutExtension(SourcePath);

    public required ScenarioSettings Settings { get; init; }

    /// <summary>The components in the order a message visits them: trigger, actions, conclusion.</summary>
    public required IReadOnlyList<ComponentSpec> Chain { get; init; }

    public ComponentSpec Trigger => Chain[0];

    public ComponentSpec Conclusion => Chain[^1];

    public IEnumerable<ComponentSpec> Actions => Chain.Skip(1).Take(Chain.Count - 2);

    public ComponentSpec Find(string rootName) =>
        Chain.FirstOrDefault(c => c.RootName == rootName)
        ?? throw new ArgumentException($"the scenario has no component named '{rootName}'", nameof(rootName));

    /// <summary>The component after <paramref name="rootName"/> in the chain, or null for the conclusion.</summary>
    public ComponentSpec? NextHopOf(string rootName)
    {
        for (var i = 0; i < Chain.Count - 1; i++)
        {
            if (Chain[i].RootName == rootName)
            {
                return Chain[i + 1];
            }
        }

        return null;
    }
}
