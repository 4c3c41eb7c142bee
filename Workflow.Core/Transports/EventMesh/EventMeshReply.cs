using MeshAspire.Workflow.Transports.EventMesh.Protocol;

namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>
/// The runtime's answer carried by a reply event: its <c>status_code</c> ("0" for success) and
/// <c>response_message</c>. A pushed event carries neither.
/// </summary>
public readonly record struct EventMeshReply(string Code, string Message)
{
    public const string Success = "0";

    /// <summary>The runtime lost this client's subscription (after a heartbeat): subscribe again.</summary>
    public const string ClientResubscribe = "30";

    public bool IsSuccess => Code == Success;

    public bool AsksToResubscribe => Code == ClientResubscribe;

    /// <summary>The reply's status, or null when <paramref name="cloudEvent"/> is not a reply but an event.</summary>
    public static EventMeshReply? Of(CloudEvent cloudEvent)
    {
        if (!cloudEvent.Attributes.TryGetValue(EventMeshKeys.StatusCode, out var code))
        {
            return null;
        }

        var message = cloudEvent.Attributes.TryGetValue(EventMeshKeys.ResponseMessage, out var text) ? text.CeString : string.Empty;
        return new EventMeshReply(code.CeString, message);
    }

    public override string ToString() => $"status {Code}: {Message}";
}
