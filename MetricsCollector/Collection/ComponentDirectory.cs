using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// The collector's targets: only the scenario's components, at the addresses the app host handed it through
/// service discovery (<c>services:{name}:http:0</c>), else by name on the default port as in Kubernetes.
/// Never an address from a request.
/// </summary>
public static class ComponentDirectory
{
    public static IReadOnlyList<ComponentClient> Discover(Scenario scenario, IConfiguration configuration, HttpClient http) =>
        scenario.Chain.Select(component =>
        {
            var configured = configuration[$"services:{component.RootName}:http:0"];
            var address = string.IsNullOrWhiteSpace(configured)
                ? new Uri($"http://{component.RootName}:{WorkflowOptions.DefaultHttpPort}")
                : new Uri(configured);
            return new ComponentClient(http, component, address);
        }).ToArray();
}
