namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>The names of the attributes the EventMesh runtime reads from a CloudEvent, and the values it expects.</summary>
public static class EventMeshKeys
{
    // Carried by every event: who the client is. The runtime refuses an event where one is missing or empty.
    public const string Env = "env";
    public const string Idc = "idc";
    public const string Ip = "ip";
    public const string Pid = "pid";
    public const string Sys = "sys";
    public const string Username = "username";
    public const string Password = "passwd";
    public const string Language = "language";
    public const string ProtocolType = "protocoltype";
    public const string ProtocolVersion = "protocolversion";

    // A published event's own.
    public const string UniqueId = "uniqueid";
    public const string ProducerGroup = "producergroup";
    public const string Subject = "subject";
    public const string Ttl = "ttl";
    public const string DataContentType = "datacontenttype";

    // A subscription's and a heartbeat's.
    public const string ConsumerGroup = "consumergroup";
    public const string ClientType = "clienttype";

    // A reply's.
    public const string StatusCode = "status_code";
    public const string ResponseMessage = "response_message";

    public const string CloudEventsProtocol = "cloudevents";
    public const string CloudEventsVersion = "1.0";
    public const string BinaryContent = "application/octet-stream";
    public const string JsonContent = "application/json";

    /// <summary>A heartbeat's <see cref="ClientType"/> (ce_integer) for a consumer; a producer is 0.</summary>
    public const int SubscriberClientType = 1;
}
