using System.Text;
using k8s;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>Writes <c>DIR/&lt;cluster&gt;/</c>: every file as YAML documents, and the kustomization that lists them.</summary>
public static class ManifestWriter
{
    public const string Kustomization = "kustomization.yaml";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string outputDirectory, IReadOnlyList<ClusterManifests> clusters, string @namespace)
    {
        foreach (var cluster in clusters)
        {
            var directory = Directory.CreateDirectory(Path.Combine(outputDirectory, cluster.Cluster)).FullName;
            foreach (var file in cluster.Files)
            {
                File.WriteAllText(Path.Combine(directory, file.Name), Serialize(file), Utf8NoBom);
            }

            File.WriteAllText(Path.Combine(directory, Kustomization), KustomizationText(cluster, @namespace), Utf8NoBom);
        }
    }

    public static string Serialize(ManifestFile file) =>
        string.Join("---\n", file.Objects.Select(o => KubernetesYaml.Serialize(o).TrimEnd('\n') + "\n"));

    public static string KustomizationText(ClusterManifests cluster, string @namespace)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: kustomize.config.k8s.io/v1beta1\n");
        text.Append("kind: Kustomization\n");
        text.Append($"namespace: {@namespace}\n");
        text.Append("resources:\n");
        foreach (var file in cluster.Files)
        {
            text.Append($"- {file.Name}\n");
        }

        return text.ToString();
    }
}
