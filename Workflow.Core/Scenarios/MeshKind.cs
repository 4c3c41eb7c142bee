namespace MeshAspire.Workflow.Scenarios;

public enum MeshKind
{
    None,
    Istio,
    IstioAmbient,
    Linkerd,
}
