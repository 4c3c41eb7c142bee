using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Hosting;

/// <summary>This component's place in the run: the scenario, its own section, and its next hop.</summary>
public sealed record ComponentSetup(Scenario Scenario, ComponentSpec Spec, ComponentIdentity Identity)
{
    public ComponentSpec? NextHop => Scenario.NextHopOf(Spec.RootName);

    /// <summary>The actions before this component in the chain, in order.</summary>
    public IReadOnlyList<string> Upstream =>
        Scenario.Chain.TakeWhile(c => c.RootName != Spec.RootName).Where(c => c.Role == ComponentRole.Action).Select(c => c.RootName).ToArray();
}
