using k8s.Models;

namespace MeshAspire.AppHost.Kubernetes;

internal static class EnvVars
{
    public static V1EnvVar Of(string name, string value) => new() { Name = name, Value = value };

    public static V1EnvVar Of(string name, V1EnvVarSource valueFrom) => new() { Name = name, ValueFrom = valueFrom };
}
