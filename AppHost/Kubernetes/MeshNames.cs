using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Kubernetes;

public static class MeshNames
{
    /// <summary>The name as written in a scenario and on the command line.</summary>
    public static string Key(MeshKind mesh) => mesh switch
    {
        MeshKind.None => "none",
        MeshKind.Istio => "istio",
        MeshKind.IstioAmbient => "istio-ambient",
        MeshKind.Linkerd => "linkerd",
        _ => throw new ArgumentOutOfRangeException(nameof(mesh), mesh, null),
    };
}
