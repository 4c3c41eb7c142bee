namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>The runtime answered a subscription with an error status.</summary>
public sealed class EventMeshRejectedException(string request, EventMeshReply reply)
    : Exception($"the runtime refused the {request}: {reply}")
{
    public EventMeshReply Reply { get; } = reply;
}
