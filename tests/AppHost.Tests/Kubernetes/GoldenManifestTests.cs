using MeshAspire.AppHost.Kubernetes;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>
/// The manifests of the golden cases, regenerated and compared with the files under <c>Golden/</c>, which were
/// reviewed by hand once. After a deliberate change: <c>MESHASPIRE_UPDATE_GOLDEN=1 dotnet test ... --filter Golden</c>,
/// then review the diff before committing it.
/// </summary>
public sealed class GoldenManifestTests
{
    public static TheoryData<string> Cases() => [.. PublishCase.Golden.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_published_manifests_are_the_reviewed_ones(string name)
    {
        var publish = PublishCase.Golden.Single(c => c.Name == name);
        var actual = Directory.CreateTempSubdirectory("meshaspire-golden-").FullName;
        try
        {
            ManifestWriter.Write(actual, publish.Manifests(), publish.Plan().Options.Namespace);
            var golden = Path.Combine(RepositoryPaths.GoldenManifests, name);
            if (Environment.GetEnvironmentVariable("MESHASPIRE_UPDATE_GOLDEN") == "1")
            {
                if (Directory.Exists(golden))
                {
                    Directory.Delete(golden, recursive: true);
                }

                CopyFolder(actual, golden);
            }

            Assert.True(Directory.Exists(golden), $"no golden files for {name}: run with MESHASPIRE_UPDATE_GOLDEN=1 and review them");
            Assert.Equal(RelativeFiles(golden), RelativeFiles(actual));
            foreach (var file in RelativeFiles(golden))
            {
                Assert.True(
                    File.ReadAllText(Path.Combine(golden, file)) == File.ReadAllText(Path.Combine(actual, file)),
                    $"{name}/{file} differs from the golden file (MESHASPIRE_UPDATE_GOLDEN=1 regenerates them; review the diff)");
            }
        }
        finally
        {
            Directory.Delete(actual, recursive: true);
        }
    }

    private static List<string> RelativeFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
