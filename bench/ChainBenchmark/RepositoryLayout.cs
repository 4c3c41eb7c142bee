using System.Reflection;

namespace MeshAspire.Bench;

/// <summary>
/// Where the role programs are: the repository root is found from this program's own folder
/// (<c>bench/ChainBenchmark/bin/&lt;configuration&gt;/net10.0</c>), and each role's executable in its own
/// <c>bin/&lt;configuration&gt;/net10.0</c>, built with this program (it references them).
/// </summary>
public sealed record RepositoryLayout(string Root, string Configuration)
{
    public const string SolutionFile = "MeshAspire.sln";

    public static string BuildConfiguration =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static RepositoryLayout Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return new RepositoryLayout(folder.FullName, BuildConfiguration);
            }
        }

        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}: run the benchmark from its build output in the repository");
    }

    /// <summary>The project file of a role program (Trigger, Action, Conclusion).</summary>
    public string RoleProject(string role) => Path.Combine(Root, $"Workflow.{role}", $"Workflow.{role}.csproj");

    /// <summary>Where <see cref="NativeRoles"/> publishes a role program native AOT: beside this program's own build.</summary>
    public static string NativeFolder(string role) => Path.Combine(AppContext.BaseDirectory, "aot", role);

    /// <summary>The executable of a role program (Trigger, Action, Conclusion), which must have been built (or published native).</summary>
    public string RoleExecutable(string role, RoleRuntime runtime)
    {
        var name = $"Workflow.{role}";
        var folder = runtime == RoleRuntime.Aot ? NativeFolder(role) : Path.Combine(Root, name, "bin", Configuration, "net10.0");
        var path = Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(runtime == RoleRuntime.Aot
                ? $"{path} is missing: the native publish did not make it"
                : $"{path} is missing: build the benchmark (it builds the role programs) with -c {Configuration}", path);
    }

    /// <summary>This program's own executable, started again as the floor's echo server.</summary>
    public static string SelfExecutable =>
        Environment.ProcessPath is { } path && !Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? path
            : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "ChainBenchmark.exe" : "ChainBenchmark");
}
