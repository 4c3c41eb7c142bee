using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using MeshAspire.Workflow.Transports.EventMesh;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;

namespace MeshAspire.Workflow.Tests.Transports.EventMesh;

public class EventMeshEventsTests
{
    private const string Topic = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1";

    private static readonly EventMeshClientIdentity Identity = new("env-a", "idc-b", "10.1.2.3", 4242, "sys-c", "alice", "s3cret");

    private static readonly string[] IdentityKeys =
        ["env", "idc", "ip", "pid", "sys", "username", "passwd", "language", "protocoltype", "protocolversion"];

    private readonly EventMeshEvents _events = new(Identity, "action01");

    public static TheoryData<string> Kinds => new() { "publish", "subscription", "heartbeat" };

    private CloudEvent Build(string kind) => kind switch
    {
        "publish" => _events.Publish(Topic, ByteString.CopyFromUtf8("body")),
        "subscription" => _events.Subscription(Topic),
        _ => _events.Heartbeat(Topic),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_event_carries_the_client_identity_as_non_empty_strings(string kind)
    {
        var cloudEvent = Build(kind);

        Assert.All(IdentityKeys, key => Assert.False(string.IsNullOrEmpty(cloudEvent.Attributes[key].CeString), $"{kind}: {key} is empty"));
        Assert.Equal("env-a", cloudEvent.Attributes["env"].CeString);
        Assert.Equal("idc-b", cloudEvent.Attributes["idc"].CeString);
        Assert.Equal("10.1.2.3", cloudEvent.Attributes["ip"].CeString);
        Assert.Equal("4242", cloudEvent.Attributes["pid"].CeString);
        Assert.Equal("sys-c", cloudEvent.Attributes["sys"].CeString);
        Assert.Equal("alice", cloudEvent.Attributes["username"].CeString);
        Assert.Equal("s3cret", cloudEvent.Attributes["passwd"].CeString);
        Assert.Equal("cloudevents", cloudEvent.Attributes["protocoltype"].CeString);
        Assert.Equal("1.0", cloudEvent.Attributes["protocolversion"].CeString);
        Assert.Equal("1.0", cloudEvent.SpecVersion);
        Assert.False(string.IsNullOrEmpty(cloudEvent.Id));
        Assert.False(string.IsNullOrEmpty(cloudEvent.Source));
        Assert.False(string.IsNullOrEmpty(cloudEvent.Type));
    }

    [Fact]
    public void The_pid_is_this_process_in_digits()
    {
        var events = new EventMeshEvents(EventMeshClientIdentity.From(null), "action01");

        var pid = events.Publish(Topic, ByteString.CopyFromUtf8("x")).Attributes["pid"].CeString;

        Assert.Matches("^[0-9]+$", pid);
        Assert.Equal(Environment.ProcessId, int.Parse(pid, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_publish_carries_the_topic_group_ttl_and_binary_data_matching_its_content_type()
    {
        var body = ByteString.CopyFrom(0, 10, 255, 13);

        var cloudEvent = _events.Publish(Topic, body);

        Assert.Equal(Topic, cloudEvent.Attributes["subject"].CeString);
        Assert.Equal("action01", cloudEvent.Attributes["producergroup"].CeString);
        Assert.Equal(EventMeshEvents.Ttl, cloudEvent.Attributes["ttl"].CeString);
        Assert.Equal("application/octet-stream", cloudEvent.Attributes["datacontenttype"].CeString);
        Assert.Equal(CloudEvent.DataOneofCase.BinaryData, cloudEvent.DataCase);
        Assert.Equal(body, cloudEvent.BinaryData);
        Assert.Equal(cloudEvent.Id, cloudEvent.Attributes["uniqueid"].CeString);
    }

    [Fact]
    public void Each_publish_has_its_own_unique_id()
    {
        var ids = Enumerable.Range(0, 100)
            .Select(_ => _events.Publish(Topic, ByteString.CopyFromUtf8("x")).Attributes["uniqueid"].CeString)
            .ToHashSet();

        Assert.Equal(100, ids.Count);
    }

    [Fact]
    public void A_subscription_names_the_group_and_lists_the_topic_as_clustering_async_json()
    {
        var cloudEvent = _events.Subscription(Topic);

        Assert.Equal("action01", cloudEvent.Attributes["consumergroup"].CeString);
        Assert.Equal("application/json", cloudEvent.Attributes["datacontenttype"].CeString);
        Assert.Equal(CloudEvent.DataOneofCase.TextData, cloudEvent.DataCase);
        var item = Assert.Single(JsonDocument.Parse(cloudEvent.TextData).RootElement.EnumerateArray());
        Assert.Equal(Topic, item.GetProperty("topic").GetString());
        Assert.Equal("CLUSTERING", item.GetProperty("mode").GetString());
        Assert.Equal("ASYNC", item.GetProperty("type").GetString());
    }

    [Fact]
    public void A_heartbeat_is_a_subscriber_s_with_the_group_and_the_topic_as_json()
    {
        var cloudEvent = _events.Heartbeat(Topic);

        Assert.Equal(CloudEvent.Types.CloudEventAttributeValue.AttrOneofCase.CeInteger, cloudEvent.Attributes["clienttype"].AttrCase);
        Assert.Equal(1, cloudEvent.Attributes["clienttype"].CeInteger);
        Assert.Equal("action01", cloudEvent.Attributes["consumergroup"].CeString);
        var item = Assert.Single(JsonDocument.Parse(cloudEvent.TextData).RootElement.EnumerateArray());
        Assert.Equal(Topic, item.GetProperty("topic").GetString());
        Assert.Equal(JsonValueKind.String, item.GetProperty("url").ValueKind);
    }

    [Fact]
    public void Events_survive_the_wire_unchanged()
    {
        var sent = _events.Publish(Topic, ByteString.CopyFromUtf8("body"));

        var received = CloudEvent.Parser.ParseFrom(sent.ToByteArray());

        Assert.Equal(sent, received);
        Assert.Equal(sent.Attributes.Count, received.Attributes.Count);
    }
}
