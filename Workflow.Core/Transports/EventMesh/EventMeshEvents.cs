using System.Globalization;
using Google.Protobuf;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;
using AttributeValue = MeshAspire.Workflow.Transports.EventMesh.Protocol.CloudEvent.Types.CloudEventAttributeValue;

namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>
/// Builds every CloudEvent this client sends. Each carries the client's identity attributes; a publish adds
/// its unique id, producer group, subject (the topic), ttl and content type; a subscription and a heartbeat add
/// the consumer group and a JSON body. The group is the component's rootname.
/// </summary>
public sealed class EventMeshEvents
{
    /// <summary>Milliseconds the runtime keeps a published event: the Java SDK's default.</summary>
    public const string Ttl = "4000";

    private const string Source = "/meshaspire";
    private const string EnvelopeType = "meshaspire.workflow.envelope";
    private const string ControlType = "org.apache.eventmesh";

    private readonly KeyValuePair<string, AttributeValue>[] _identity;
    private readonly AttributeValue _group;
    private readonly AttributeValue _binaryContent = Text(EventMeshKeys.BinaryContent);
    private readonly AttributeValue _jsonContent = Text(EventMeshKeys.JsonContent);
    private readonly AttributeValue _ttl = Text(Ttl);
    private readonly AttributeValue _subscriber = new() { CeInteger = EventMeshKeys.SubscriberClientType };

    public EventMeshEvents(EventMeshClientIdentity identity, string group)
    {
        Group = group;
        _group = Text(group);
        _identity =
        [
            new(EventMeshKeys.Env, Text(identity.Env)),
            new(EventMeshKeys.Idc, Text(identity.Idc)),
            new(EventMeshKeys.Ip, Text(identity.Ip)),
            new(EventMeshKeys.Pid, Text(identity.Pid.ToString(CultureInfo.InvariantCulture))),
            new(EventMeshKeys.Sys, Text(identity.Sys)),
            new(EventMeshKeys.Username, Text(identity.Username)),
            new(EventMeshKeys.Password, Text(identity.Password)),
            new(EventMeshKeys.Language, Text(EventMeshClientIdentity.Language)),
            new(EventMeshKeys.ProtocolType, Text(EventMeshKeys.CloudEventsProtocol)),
            new(EventMeshKeys.ProtocolVersion, Text(EventMeshKeys.CloudEventsVersion)),
        ];
    }

    public string Group { get; }

    /// <summary>One message for <paramref name="topic"/>: the envelope's bytes as binary data.</summary>
    public CloudEvent Publish(string topic, ByteString data)
    {
        var id = Guid.NewGuid().ToString("N");
        var cloudEvent = Start(id, EnvelopeType);
        var attributes = cloudEvent.Attributes;
        attributes.Add(EventMeshKeys.UniqueId, Text(id));
        attributes.Add(EventMeshKeys.ProducerGroup, _group);
        attributes.Add(EventMeshKeys.Subject, Text(topic));
        attributes.Add(EventMeshKeys.Ttl, _ttl);
        attributes.Add(EventMeshKeys.DataContentType, _binaryContent);
        cloudEvent.BinaryData = data;
        return cloudEvent;
    }

    /// <summary>The subscription of this group to <paramref name="topic"/>, for subscribeStream and unsubscribe.</summary>
    public CloudEvent Subscription(string topic)
    {
        var cloudEvent = Start(Guid.NewGuid().ToString("N"), ControlType);
        cloudEvent.Attributes.Add(EventMeshKeys.ConsumerGroup, _group);
        cloudEvent.Attributes.Add(EventMeshKeys.DataContentType, _jsonContent);
        cloudEvent.TextData = EventMeshJson.SubscriptionItems(topic);
        return cloudEvent;
    }

    /// <summary>This group's heartbeat as a consumer of <paramref name="topic"/>.</summary>
    public CloudEvent Heartbeat(string topic)
    {
        var cloudEvent = Start(Guid.NewGuid().ToString("N"), ControlType);
        cloudEvent.Attributes.Add(EventMeshKeys.ClientType, _subscriber);
        cloudEvent.Attributes.Add(EventMeshKeys.ConsumerGroup, _group);
        cloudEvent.Attributes.Add(EventMeshKeys.DataContentType, _jsonContent);
        cloudEvent.TextData = EventMeshJson.HeartbeatItems(topic);
        return cloudEvent;
    }

    private CloudEvent Start(string id, string type)
    {
        var cloudEvent = new CloudEvent { Id = id, Source = Source, SpecVersion = EventMeshKeys.CloudEventsVersion, Type = type };
        foreach (var (key, value) in _identity)
        {
            cloudEvent.Attributes.Add(key, value);
        }

        return cloudEvent;
    }

    private static AttributeValue Text(string value) => new() { CeString = value };
}
