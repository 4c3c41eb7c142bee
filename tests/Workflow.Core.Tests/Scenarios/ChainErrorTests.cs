using static MeshAspire.Workflow.Tests.Scenarios.ScenarioSamples;

namespace MeshAspire.Workflow.Tests.Scenarios;

/// <summary>The chain: by communication.hostname.to for grpc and tcp, by topics for the other transports.</summary>
public sealed class ChainErrorTests
{
    // Sync (Code 6-2): [trigger] 3, hostname.to 7, port.to 8 | [action] 11, rootname 12, hostname.to 15, port.to 16,
    // port.from 17 | [action] 20 rootname, 23 hostname.to, 25 port.from | [conclusion] 27, port.from 32.
    [Fact]
    public void The_trigger_needs_a_hostname_to()
    {
        var error = FailsOnce(With(Sync, (7, "")), 3, "communication.hostname.to");

        Assert.Contains("the trigger 'trigger' has no communication.hostname.to: with transport grpc the trigger must name its next hop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_without_hostname_to_ends_the_chain_before_the_conclusion()
    {
        var error = FailsOnce(With(Sync, (15, "")), 11, "communication.hostname.to");

        Assert.Contains("action 'action01' has no communication.hostname.to", error.Message, StringComparison.Ordinal);
        Assert.Contains("the chain stops at 'action01' and does not reach the conclusion 'conclusion'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_transport_is_named_in_a_missing_hostname_error()
    {
        var error = FailsOnce("transport=tcp\n" + With(Sync, (23, "")), 20, "communication.hostname.to");

        Assert.Contains("with transport tcp an action must name its next hop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostname_to_naming_no_component_suggests_the_nearest_rootname()
    {
        var error = FailsOnce(With(Sync, (15, "communication.hostname.to=actoin02")), 15, "communication.hostname.to");

        Assert.Contains("'actoin02' names no component", error.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'action02'?", error.Hint);
    }

    [Fact]
    public void The_conclusion_must_not_have_a_hostname_to()
    {
        var error = FailsOnce(Text(Sync) + "\ncommunication.hostname.to=trigger", 33, "communication.hostname.to");

        Assert.Contains("the conclusion 'conclusion' is the last hop: it must not have communication.hostname.to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostname_to_must_not_point_at_the_trigger()
    {
        var error = FailsOnce(With(Sync, (23, "communication.hostname.to=trigger")), 23, "communication.hostname.to");

        Assert.Contains("'trigger' is the trigger, which only sends", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostname_to_must_not_point_at_its_own_component()
    {
        var error = FailsOnce(With(Sync, (23, "communication.hostname.to=action02")), 23, "communication.hostname.to");

        Assert.Contains("action 'action02' names itself as its next hop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_names_the_components_that_form_it()
    {
        var error = FailsOnce(With(Sync, (23, "communication.hostname.to=action01")), 23, "communication.hostname.to");

        Assert.Contains("the chain loops: action01 -> action02 -> action01 form a cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("never reaches the conclusion 'conclusion'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_the_trigger_never_reaches_is_named()
    {
        var error = FailsOnce(With(Sync, (15, "communication.hostname.to=conclusion")), 20, "rootname");

        Assert.Contains("action 'action02' is never reached from the trigger: the chain is trigger -> action01 -> conclusion", error.Message, StringComparison.Ordinal);
        Assert.Contains("communication.hostname.to", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Components_outside_a_cycle_are_reported_as_unreached_too()
    {
        var text = Inserted(Changed(Sync, (23, "communication.hostname.to=action01")), 26, "[action]", "rootname=action03", "communication.hostname.to=conclusion");

        var errors = Fails(text);

        Assert.Equal([23, 28], errors.Select(e => e.Line));
        Assert.Contains("action 'action03' is never reached", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_to_must_match_the_port_its_next_hop_listens_on()
    {
        var error = FailsOnce(With(Sync, (16, "communication.port.to=10092")), 16, "communication.port.to");

        Assert.Contains("port 10092 does not match the next hop: action 'action02' listens on communication.port.from=10091 (line 25)", error.Message, StringComparison.Ordinal);
        Assert.Equal("write 'communication.port.to=10091'", error.Hint);
    }

    [Fact]
    public void A_port_mismatch_is_reported_on_the_sender()
    {
        var error = FailsOnce(With(Sync, (17, "communication.port.from=10095")), 8, "communication.port.to");

        Assert.Contains("action 'action01' listens on communication.port.from=10095 (line 17)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ports_are_compared_only_when_both_are_given()
    {
        var scenario = Parses(With(Sync, (16, "communication.port.to=10092"), (25, "")));

        Assert.Equal(10092, scenario.Chain[1].PortTo);
        Assert.Null(scenario.Chain[2].PortFrom);
    }

    [Fact]
    public void A_topic_chain_with_transport_grpc_is_followed_by_hostname()
    {
        var errors = Fails("transport=grpc\n" + Text(ScenarioSamples.Async));

        Assert.Equal([4, 12, 21], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal("communication.hostname.to", e.Key));
        Assert.All(errors, e => Assert.Contains("with transport grpc", e.Message, StringComparison.Ordinal));
    }

    // Async (Code 6-4): [trigger] 3, to 7, port.to 8 | [action] 11, from 15, to 16 | [action] 20, rootname 21,
    // from 24, to 25 | [action] ... | [conclusion] 29, from 33.
    [Fact]
    public void The_trigger_needs_a_topic_to_publish_to()
    {
        var error = FailsOnce(With(ScenarioSamples.Async, (7, "")), 3, "communication.to");

        Assert.Contains("the trigger 'trigger' has no communication.to: with transport nats the chain is followed by topics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trigger_consumes_no_topic()
    {
        var error = FailsOnce(With(ScenarioSamples.Async, (8, "communication.from=ELSEWHERE")), 8, "communication.from");

        Assert.Contains("the trigger 'trigger' is the first hop: it consumes no topic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_needs_a_topic_to_consume_and_its_publisher_then_has_no_consumer()
    {
        var errors = Fails(With(ScenarioSamples.Async, (15, "")));

        Assert.Equal([(7, "communication.to"), (11, "communication.from")], errors.Select(e => (e.Line, e.Key)));
        Assert.Contains($"no component consumes topic '{Topic1}'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("action 'action01' has no communication.from", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_needs_a_topic_to_publish_to()
    {
        var error = FailsOnce(With(ScenarioSamples.Async, (16, "")), 11, "communication.to");

        Assert.Contains("action 'action01' has no communication.to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_conclusion_needs_a_topic_to_consume()
    {
        var errors = Fails(With(ScenarioSamples.Async, (33, "")));

        Assert.Equal([(25, "communication.to"), (29, "communication.from")], errors.Select(e => (e.Line, e.Key)));
        Assert.Contains("the conclusion 'conclusion' has no communication.from", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_conclusion_publishes_to_no_topic()
    {
        var error = FailsOnce(Text(ScenarioSamples.Async) + "\ncommunication.to=AFTER", 36, "communication.to");

        Assert.Contains("the conclusion 'conclusion' is the last hop: it must not have communication.to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_nobody_consumes_suggests_the_nearest_consumed_topic()
    {
        var error = FailsOnce(With(ScenarioSamples.Async, (16, "communication.to=INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTIN2")), 16, "communication.to");

        Assert.Contains("no component consumes topic 'INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTIN2'", error.Message, StringComparison.Ordinal);
        Assert.Equal($"did you mean '{Topic2}'?", error.Hint);
    }

    [Fact]
    public void A_topic_with_two_consumers_names_both()
    {
        var text = Inserted(ScenarioSamples.Async, 28, "[action]", "rootname=action03", "communication.from=" + Topic2, "communication.to=" + Topic3, "");

        var error = FailsOnce(text, 31, "communication.from");

        Assert.Contains($"topic '{Topic2}' is consumed by both action 'action02' (line 24) and action 'action03'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_cycle_names_the_components_that_form_it()
    {
        var error = FailsOnce(With(ScenarioSamples.Async, (25, "communication.to=" + Topic1)), 25, "communication.to");

        Assert.Contains("the chain loops: action01 -> action02 -> action01 form a cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_consuming_its_own_topic_is_an_error()
    {
        var error = FailsOnce(With(ScenarioSamples.Async, (16, "communication.to=" + Topic1)), 16, "communication.to");

        Assert.Contains("action 'action01' publishes to", error.Message, StringComparison.Ordinal);
        Assert.Contains("the topic it consumes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_no_topic_leads_to_is_named()
    {
        var text = Inserted(ScenarioSamples.Async, 28, "[action]", "rootname=action03", "communication.from=ORPHAN", "communication.to=" + Topic3, "");

        var error = FailsOnce(text, 30, "rootname");

        Assert.Contains("action 'action03' is never reached from the trigger: the chain is trigger -> action01 -> action02 -> conclusion", error.Message, StringComparison.Ordinal);
        Assert.Contains("communication.from topic", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_async_transport_follows_topics()
    {
        var scenario = Parses("transport=rabbitmq\n" + Text(ScenarioSamples.Async));

        Assert.Equal(MeshAspire.Workflow.Scenarios.TransportKind.RabbitMq, scenario.Settings.Transport);
        Assert.Equal([Topic1, Topic2, Topic3, null], scenario.Chain.Select(c => c.TopicTo));
    }
}
