using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Accounting;

/// <summary>One component's rows as pulled from its /records.</summary>
/// <param name="Upstream">The conclusion only: the actions whose stamps each row keeps, in order.</param>
public sealed record ComponentRecords(string Name, ComponentRole Role, RecordLog Records, IReadOnlyList<string> Upstream);

/// <summary>The rows of every component of a run, in chain order; null where a component's records could not be had.</summary>
/// <param name="DrainDeadlineNanos">
/// When the drain timeout passed with messages still missing, its time (Unix ns, on the collector's clock): the run is
/// cut there, and what arrives later is lost, however long the records took to read. Null when everything arrived in time.
/// </param>
/// <param name="Clocks">
/// Each component's clock against the collector's, in chain order, to move its stamps to the collector's clock before
/// stamps of two clocks are compared; null when the clocks were not measured (every stamp is taken as it is).
/// </param>
public sealed record RunRecords(
    IReadOnlyList<string> Chain,
    IReadOnlyList<ComponentRecords?> Components,
    long? DrainDeadlineNanos = null,
    IReadOnlyList<ComponentClock>? Clocks = null)
{
    /// <summary>Whether a stamp on the collector's clock falls after the cut, if there is one.</summary>
    public bool IsAfterDrain(long nanos) => DrainDeadlineNanos is { } deadline && nanos > deadline;

    /// <summary>Whether a stamp the component at <paramref name="component"/> took falls after the cut.</summary>
    public bool IsAfterDrain(int component, long nanos) => IsAfterDrain(ToCollectorClock(component, nanos));

    /// <summary>A stamp the component at <paramref name="component"/> (chain index) took, on the collector's clock; 0 stays 0 (no stamp).</summary>
    public long ToCollectorClock(int component, long nanos) =>
        Clocks is null ? nanos : ClockCorrection.Of(Clocks[component]).ToCollectorClock(nanos);

    /// <summary>Each component's correction in chain order, for applying to many stamps; none when clocks were not measured.</summary>
    public ClockCorrection[] Corrections() =>
        Clocks is null ? new ClockCorrection[Chain.Count] : Clocks.Select(ClockCorrection.Of).ToArray();

    public ComponentRecords? Trigger => Components[0];

    public ComponentRecords? Conclusion => Components[^1];

    public int ConclusionIndex => Components.Count - 1;
}
