using System.Reflection;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>The repository's folders, from the app host project's path that Aspire's SDK records in its assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(
        typeof(WorkflowRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "apphostprojectpath").Value!,
        ".."));

    public static string GoldenManifests => Path.Combine(Root, "tests", "AppHost.Tests", "Kubernetes", "Golden");
}
