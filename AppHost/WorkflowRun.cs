using System.Reflection;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost;

/// <summary>One run of a scenario: its id, its scenario file and where its results go, all as absolute paths.</summary>
public sealed record WorkflowRun(string Id, Scenario Scenario, string ScenarioPath, string ResultsFolder)
{
    public const string DefaultScenario = "scenarios/thesis-constant.properties";
    public const int BadInputExitCode = 2;

    /// <summary>
    /// Reads the scenario (the default is looked up beside the repository when the working folder has none) and
    /// names the run; returns the errors to print when the run must not start.
    /// </summary>
    public static (WorkflowRun? Run, IReadOnlyList<string> Errors) Prepare(AppHostOptions options)
    {
        if (options.Errors.Count > 0)
        {
            return (null, options.Errors);
        }

        var path = Locate(options.Scenario ?? DefaultScenario);
        var parsed = ScenarioParser.Parse(path);
        if (!parsed.Succeeded)
        {
            return (null, parsed.Errors.Select(e => e.ToString()).ToArray());
        }

        var scenario = parsed.Scenario!;
        var id = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{scenario.Name}";
        var results = Path.GetFullPath(options.Results ?? Path.Combine("runs", id));
        return (new WorkflowRun(id, scenario, Path.GetFullPath(path), results), []);
    }

    private static string Locate(string path)
    {
        if (File.Exists(path) || Path.IsPathRooted(path))
        {
            return path;
        }

        var project = typeof(WorkflowRun).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "apphostprojectpath")?.Value;
        var besideRepository = project is null ? null : Path.Combine(project, "..", path);
        return besideRepository is not null && File.Exists(besideRepository) ? Path.GetFullPath(besideRepository) : path;
    }
}
