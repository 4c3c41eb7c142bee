using MeshAspire.Workflow.Transports.EventMesh;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;
using AttributeValue = MeshAspire.Workflow.Transports.EventMesh.Protocol.CloudEvent.Types.CloudEventAttributeValue;

namespace MeshAspire.Workflow.Tests.Transports.EventMesh;

public class EventMeshReplyTests
{
    private static CloudEvent Reply(string code, string message) => new()
    {
        Attributes =
        {
            ["status_code"] = new AttributeValue { CeString = code },
            ["response_message"] = new AttributeValue { CeString = message },
        },
    };

    [Fact]
    public void Status_0_is_success()
    {
        var reply = EventMeshReply.Of(Reply("0", "success"));

        Assert.NotNull(reply);
        Assert.True(reply.Value.IsSuccess);
        Assert.False(reply.Value.AsksToResubscribe);
    }

    [Fact]
    public void Status_30_asks_the_client_to_subscribe_again()
    {
        var reply = EventMeshReply.Of(Reply("30", "client needs to resubscribe."));

        Assert.True(reply!.Value.AsksToResubscribe);
        Assert.False(reply.Value.IsSuccess);
    }

    [Fact]
    public void An_error_reply_keeps_its_message()
    {
        var reply = EventMeshReply.Of(Reply("14", "eventMesh send async msg err, topic not created"));

        Assert.False(reply!.Value.IsSuccess);
        Assert.Contains("topic not created", reply.Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pushed_event_is_not_a_reply()
    {
        Assert.Null(EventMeshReply.Of(new CloudEvent { Attributes = { ["uniqueid"] = new AttributeValue { CeString = "1" } } }));
    }
}
