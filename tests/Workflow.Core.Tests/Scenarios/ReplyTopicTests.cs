using static MeshAspire.Workflow.Tests.Scenarios.ScenarioSamples;

namespace MeshAspire.Workflow.Tests.Scenarios;

/// <summary>reply.topic: the conclusion's replies to the trigger, on an event mesh only, on a topic of its own.</summary>
public sealed class ReplyTopicTests
{
    [Fact]
    public void An_async_scenario_takes_a_reply_topic()
    {
        var scenario = Parses(With(Async, (2, "reply.topic=WORKFLOW-REPLY")));

        Assert.Equal("WORKFLOW-REPLY", scenario.Settings.ReplyTopic);
    }

    [Fact]
    public void Without_the_key_there_are_no_replies() => Assert.Null(Parses(Text(Async)).Settings.ReplyTopic);

    [Fact]
    public void A_sync_scenario_refuses_a_reply_topic()
    {
        var error = FailsOnce(With(Sync, (2, "reply.topic=WORKFLOW-REPLY")), 2, "reply.topic");

        Assert.Contains("needs an event-mesh transport, but this scenario runs on grpc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_topic_that_links_the_chain_is_refused()
    {
        var error = FailsOnce(With(Async, (2, $"reply.topic={Topic2}")), 2, "reply.topic");

        Assert.Contains($"topic '{Topic2}' already links the chain", error.Message, StringComparison.Ordinal);
    }
}
