using MeshAspire.Workflow.Scenarios;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.Workflow.Hosting;

/// <summary>Reads the scenario named by configuration and finds this component in it.</summary>
public static class ComponentSetupLoader
{
    public static ComponentSetupResult Load(IConfiguration configuration, ComponentRole role)
    {
        var path = configuration[WorkflowOptions.Scenario];
        var name = configuration[WorkflowOptions.Component];
        if (string.IsNullOrWhiteSpace(path))
        {
            return ComponentSetupResult.Failure($"no scenario: set {WorkflowOptions.Scenario} (environment Workflow__Scenario) to a scenario file");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return ComponentSetupResult.Failure($"no component name: set {WorkflowOptions.Component} (environment Workflow__Component) to this component's rootname");
        }

        var parsed = ScenarioParser.Parse(path);
        if (!parsed.Succeeded)
        {
            return new ComponentSetupResult(null, parsed.Errors.Select(e => e.ToString()).ToArray());
        }

        var scenario = parsed.Scenario!;
        var spec = scenario.Chain.FirstOrDefault(c => c.RootName == name);
        if (spec is null)
        {
            var known = string.Join(", ", scenario.Chain.Select(c => c.RootName));
            return ComponentSetupResult.Failure($"{path}: no component named '{name}' ({WorkflowOptions.Component}); the scenario has {known}");
        }

        if (spec.Role != role)
        {
            return ComponentSetupResult.Failure(
                $"{path}:{spec.Line}: '{name}' is a {spec.Role.ToString().ToLowerInvariant()}, but this program is the {role.ToString().ToLowerInvariant()}");
        }

        var runId = configuration[WorkflowOptions.RunId];
        if (string.IsNullOrWhiteSpace(runId))
        {
            runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{scenario.Name}";
        }

        return new ComponentSetupResult(new ComponentSetup(scenario, spec, new ComponentIdentity(name, role, runId)), []);
    }
}
