using MeshAspire.Workflow.Transports.EventMesh;

namespace MeshAspire.Workflow.Tests.Transports.EventMesh;

public class EventMeshJsonTests
{
    [Fact]
    public void A_subscription_is_a_list_of_one_topic_clustering_async()
    {
        Assert.Equal("""[{"topic":"T-1","mode":"CLUSTERING","type":"ASYNC"}]""", EventMeshJson.SubscriptionItems("T-1"));
    }

    [Fact]
    public void A_heartbeat_is_a_list_of_one_topic_without_a_url()
    {
        Assert.Equal("""[{"topic":"T-1","url":""}]""", EventMeshJson.HeartbeatItems("T-1"));
    }

    [Fact]
    public void A_topic_with_json_characters_is_escaped()
    {
        var json = EventMeshJson.SubscriptionItems("a\"b\\c");

        Assert.Equal("a\"b\\c", System.Text.Json.JsonDocument.Parse(json).RootElement[0].GetProperty("topic").GetString());
    }
}
