namespace MeshAspire.Workflow.Scenarios;

/// <summary>A section, read: its spec and the scope it came from (for lines and rejected values).</summary>
/// <param name="Spec">The component; its <c>RootName</c> is empty when <paramref name="HasName"/> is false.</param>
/// <param name="Scope">The section's keys.</param>
/// <param name="HasName">Whether a valid <c>rootname</c> was given.</param>
internal sealed record ParsedComponent(ComponentSpec Spec, ScenarioScope Scope, bool HasName)
{
    public ComponentRole Role => Spec.Role;

    public string Name => Spec.RootName;

    /// <summary>How messages name it: "the trigger 'x'", "action 'y'", "the conclusion 'z'".</summary>
    public string Describe() => Role switch
    {
        ComponentRole.Trigger => $"the trigger '{Name}'",
        ComponentRole.Conclusion => $"the conclusion '{Name}'",
        _ => $"action '{Name}'",
    };
}

/// <summary>Reads one <c>[trigger]</c>, <c>[action]</c> or <c>[conclusion]</c> section into a <see cref="ComponentSpec"/>.</summary>
internal static class ComponentReader
{
    public static ParsedComponent Read(ScenarioScope scope, ScenarioErrorSink errors)
    {
        var role = scope.Role ?? throw new ArgumentException("a section scope has a role", nameof(scope));
        var read = new ScenarioValueReader(scope, errors);
        var roleName = ScenarioScope.RoleName(role);

        if (!scope.Has(ScenarioKeys.RootName))
        {
            errors.Add(
                scope.HeaderLine,
                ScenarioKeys.RootName,
                $"the [{roleName}] section has no rootname: it is required",
                "add e.g. 'rootname=action01' (lower-case letters, digits and '-')");
        }

        var name = read.DnsLabel(ScenarioKeys.RootName);
        var start = read.Rate(ScenarioKeys.OpsStart);
        var end = read.Rate(ScenarioKeys.OpsEnd);
        var opsGiven = scope.Has(ScenarioKeys.OpsStart) || scope.Has(ScenarioKeys.OpsEnd);
        if (role == ComponentRole.Trigger && !opsGiven)
        {
            errors.Add(
                scope.HeaderLine,
                ScenarioKeys.OpsStart,
                "the trigger has no operation.ops.start or operation.ops.end: it needs the load to offer, in messages per second",
                "add e.g. 'operation.ops.start=10' and 'operation.ops.end=10'");
        }

        var spec = new ComponentSpec
        {
            Role = role,
            RootName = name ?? string.Empty,
            Line = scope.HeaderLine,
            Operations = (start ?? end) is { } first ? new OperationRate(first, end ?? first) : null,
            HostnameTo = read.Text(ScenarioKeys.HostnameTo),
            PortTo = read.Port(ScenarioKeys.PortTo),
            PortFrom = read.Port(ScenarioKeys.PortFrom),
            TopicTo = read.Topic(ScenarioKeys.TopicTo),
            TopicFrom = read.Topic(ScenarioKeys.TopicFrom),
            Cluster = read.DnsLabel(ScenarioKeys.PlacementCluster),
        };
        return new ParsedComponent(spec, scope, name is not null);
    }
}
