using System.Diagnostics;
using MeshAspire.AppHost.Kubernetes;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>
/// Every file written deserializes strictly with KubernetesClient's models, and <c>kubectl kustomize</c> builds every
/// cluster directory with every object in it. No cluster runs here: this is as far as a manifest is checked.
/// </summary>
public sealed class ManifestValidityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-manifests-").FullName;

    public static TheoryData<string> Cases() => [.. PublishCase.Golden.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_written_file_reads_back_strictly_as_the_objects_it_was_made_of(string name)
    {
        var clusters = PublishCase.Golden.Single(c => c.Name == name).Manifests();
        ManifestWriter.Write(_folder, clusters, KubernetesPublishOptions.DefaultNamespace);

        foreach (var cluster in clusters)
        {
            foreach (var file in cluster.Files)
            {
                var read = ManifestReading.ReadStrictly(File.ReadAllText(Path.Combine(_folder, cluster.Cluster, file.Name)));
                Assert.Equal(file.Objects.Select(o => (o.GetType(), o.Kind)), read.Select(o => (o.GetType(), ((k8s.IKubernetesObject)o).Kind)));
            }
        }
    }

    [Fact]
    public void Reading_is_strict_an_unknown_field_fails()
    {
        var deployment = ManifestWriter.Serialize(PublishCase.Golden[0].Manifests()[0].Files.Single(f => f.Name == "action01.yaml"));
        var misspelt = deployment.Replace("  replicas: 1\n", "  replicas: 1\n  replica: 1\n", StringComparison.Ordinal);
        Assert.NotEqual(deployment, misspelt);

        Assert.NotEmpty(ManifestReading.ReadStrictly(deployment));
        Assert.ThrowsAny<Exception>(() => ManifestReading.ReadStrictly(misspelt));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Kubectl_kustomize_builds_every_cluster_directory(string name)
    {
        var clusters = PublishCase.Golden.Single(c => c.Name == name).Manifests();
        ManifestWriter.Write(_folder, clusters, KubernetesPublishOptions.DefaultNamespace);

        foreach (var cluster in clusters)
        {
            var (exitCode, stdout, stderr) = await KubectlAsync("kustomize", Path.Combine(_folder, cluster.Cluster));

            Assert.True(exitCode == 0, $"kubectl kustomize {cluster.Cluster}: {stderr}");
            var built = ManifestReading.ReadStrictly(stdout);
            Assert.Equal(cluster.Files.Sum(f => f.Objects.Count), built.Count);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> KubectlAsync(params string[] arguments)
    {
        var kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists);
        Assert.True(kubectl is not null, "kubectl is not installed: these tests need it (Debian: apt-get install kubernetes-client; .ci/run installs it)");
        var start = new ProcessStartInfo(kubectl!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
