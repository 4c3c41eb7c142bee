using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;
using AttributeValue = MeshAspire.Workflow.Transports.EventMesh.Protocol.CloudEvent.Types.CloudEventAttributeValue;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>
/// What the EventMesh runtime (1.12) checks before it acts on a request, and how it answers: a reply event whose
/// <c>status_code</c> and <c>response_message</c> attributes carry one of its status codes. Written from the protocol
/// facts, on purpose without the client's constants, so that a client mistake is not mirrored here.
/// </summary>
internal static class StandInRules
{
    public const string Success = "0";
    public const string HeaderError = "6";
    public const string BodyError = "7";
    public const string SendAsyncError = "14";
    public const string SubscribeError = "17";
    public const string ClientResubscribe = "30";

    /// <summary>The runtime's own wording of each status, which it puts before the detail.</summary>
    private static readonly Dictionary<string, string> Wording = new()
    {
        [Success] = "success",
        [HeaderError] = "eventMesh protocol[header] err, ",
        [BodyError] = "eventMesh protocol[body] err, ",
        [SendAsyncError] = "eventMesh send async msg err, ",
        [SubscribeError] = "eventMesh subscribe err",
        [ClientResubscribe] = "client needs to resubscribe.",
    };

    /// <summary>Every event's client identity: present, a non-empty string; pid in digits.</summary>
    private static readonly string[] IdentityKeys = ["idc", "env", "ip", "pid", "sys", "username", "passwd", "language"];

    private static readonly string[] PublishKeys = ["uniqueid", "producergroup", "subject", "ttl"];

    /// <summary>Null when the identity attributes are acceptable, else why not (answered with <see cref="HeaderError"/>).</summary>
    public static string? CheckIdentity(CloudEvent cloudEvent)
    {
        foreach (var key in IdentityKeys)
        {
            if (Text(cloudEvent, key) is null)
            {
                return $"missing {key}";
            }
        }

        if (!Text(cloudEvent, "pid")!.All(char.IsAsciiDigit))
        {
            return "pid is not numeric";
        }

        // The runtime chooses its protocol plugin by these two.
        if (Text(cloudEvent, "protocoltype") != "cloudevents")
        {
            return "protocoltype is not cloudevents";
        }

        return Text(cloudEvent, "protocolversion") != "1.0" ? "protocolversion is not 1.0" : null;
    }

    /// <summary>Null when a published event's own attributes and data are acceptable, else why not (<see cref="BodyError"/>).</summary>
    public static string? CheckPublish(CloudEvent cloudEvent)
    {
        foreach (var key in PublishKeys)
        {
            if (Text(cloudEvent, key) is null)
            {
                return $"missing {key}";
            }
        }

        var contentType = Text(cloudEvent, "datacontenttype");
        var hasData = IsTextContent(contentType) ? cloudEvent.TextData.Length > 0
            : contentType == "application/protobuf" ? cloudEvent.ProtoData is not null
            : cloudEvent.BinaryData.Length > 0;
        return hasData ? null : $"no data matching datacontenttype {contentType ?? "(none)"}";
    }

    /// <summary>A subscription's group and topics, or why it is refused (<see cref="BodyError"/>).</summary>
    public static (string? Group, string[] Topics, string? Refusal) CheckSubscription(CloudEvent cloudEvent)
    {
        var group = Text(cloudEvent, "consumergroup");
        if (group is null)
        {
            return (null, [], "missing consumergroup");
        }

        if (ParseItems(cloudEvent.TextData) is not { Length: > 0 } items)
        {
            return (group, [], "text_data is not a JSON list of subscription items");
        }

        foreach (var item in items)
        {
            if (Field(item, "topic") is null
                || Field(item, "mode") is not ("CLUSTERING" or "BROADCASTING")
                || Field(item, "type") is not ("ASYNC" or "SYNC"))
            {
                return (group, [], $"bad subscription item {item}");
            }
        }

        return (group, items.Select(item => Field(item, "topic")!).ToArray(), null);
    }

    /// <summary>A heartbeat's client type, group and topics, or why it is refused (<see cref="BodyError"/>).</summary>
    public static (int? ClientType, string? Group, string[] Topics, string? Refusal) CheckHeartbeat(CloudEvent cloudEvent)
    {
        int? clientType = cloudEvent.Attributes.TryGetValue("clienttype", out var type) && type.AttrCase == AttributeValue.AttrOneofCase.CeInteger
            ? type.CeInteger
            : null;
        var group = clientType == 0 ? Text(cloudEvent, "producergroup") : Text(cloudEvent, "consumergroup");
        if (group is null)
        {
            return (clientType, null, [], clientType == 0 ? "missing producergroup" : "missing consumergroup");
        }

        if (ParseItems(cloudEvent.TextData) is not { } items || items.Any(item => Field(item, "topic") is null))
        {
            return (clientType, group, [], "text_data is not a JSON list of heartbeat items with a topic");
        }

        return (clientType, group, items.Select(item => Field(item, "topic")!).ToArray(), null);
    }

    /// <summary>A unary call's answer.</summary>
    public static CloudEvent Reply(string code, string detail = "") =>
        Stamp(new CloudEvent { Id = Guid.NewGuid().ToString() }, code, detail);

    /// <summary>A stream's answer to a request on it: the request itself with the status added.</summary>
    public static CloudEvent StreamReply(CloudEvent request, string code, string detail = "") => Stamp(request.Clone(), code, detail);

    private static CloudEvent Stamp(CloudEvent cloudEvent, string code, string detail)
    {
        cloudEvent.Attributes["status_code"] = new AttributeValue { CeString = code };
        cloudEvent.Attributes["response_message"] = new AttributeValue { CeString = (Wording[code] + " " + detail).Trim() };
        cloudEvent.Attributes["time"] = new AttributeValue { CeTimestamp = Timestamp.FromDateTime(DateTime.UtcNow) };
        return cloudEvent;
    }

    /// <summary>A non-empty string attribute, or null (the runtime reads attributes as strings: another type reads as empty).</summary>
    public static string? Text(CloudEvent cloudEvent, string key) =>
        cloudEvent.Attributes.TryGetValue(key, out var value) && value.AttrCase == AttributeValue.AttrOneofCase.CeString && value.CeString.Length > 0
            ? value.CeString
            : null;

    private static bool IsTextContent(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/json" or "application/xml"
            || contentType.EndsWith("+json", StringComparison.Ordinal) || contentType.EndsWith("+xml", StringComparison.Ordinal));

    private static JsonElement[]? ParseItems(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().Select(item => item.Clone()).ToArray()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Field(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
