using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Accounting;

/// <summary>One component's rows as pulled from its /records.</summary>
/// <param name="Upstream">The conclusion only: the actions whose stamps each row keeps, in order.</param>
public sealed record ComponentRecords(string Name, ComponentRole Role, RecordLog Records, IReadOnlyList<string> Upstream);

/// <summary>The rows of every component of a run, in chain order; null where a component's records could not be had.</summary>
/// <param name="DrainDeadlineNanos">
/// When the drain timeout passed with messages still missing, its time (Unix ns): the run is cut there, and what
/// arrives later is lost, however long the records took to read. Null when everything arrived in time.
/// </param>
public sealed record RunRecords(IReadOnlyList<string> Chain, IReadOnlyList<ComponentRecords?> Components, long? DrainDeadlineNanos = null)
{
    /// <summary>Whether a stamp falls after the cut, if there is one.</summary>
    public bool IsAfterDrain(long nanos) => DrainDeadlineNanos is { } deadline && nanos > deadline;

    public ComponentRecords? Trigger => Components[0];

    public ComponentRecords? Conclusion => Components[^1];
}
