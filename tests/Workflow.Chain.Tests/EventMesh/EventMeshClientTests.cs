using Google.Protobuf;
using Grpc.Net.Client;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.EventMesh;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>The eventmesh sender and receiver against the documented stand-in of the runtime (see <see cref="EventMeshStandIn"/>).</summary>
[Collection(LocalChain.Collection)]
public sealed class EventMeshClientTests
{
    private const int Timeout = 60_000;
    private const string Topic = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1";
    private const string RunId = "run-eventmesh-client";

    private static readonly TopicOptions Producer = new("trigger", RunId, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    private static readonly TopicOptions Consumer = Producer with { Component = "action01" };
    private static readonly EventMeshClientIdentity Identity = EventMeshClientIdentity.From(null);

    public static TheoryData<string, string> RequiredAttributes => new()
    {
        { "env", "6" }, { "idc", "6" }, { "ip", "6" }, { "pid", "6" }, { "sys", "6" }, { "username", "6" }, { "passwd", "6" },
        { "language", "6" }, { "protocoltype", "6" }, { "protocolversion", "6" },
        { "uniqueid", "7" }, { "producergroup", "7" }, { "subject", "7" }, { "ttl", "7" },
    };

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(RequiredAttributes))]
    public async Task The_stand_in_refuses_a_publish_missing_a_required_attribute(string attribute, string status)
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        using var channel = GrpcChannel.ForAddress(standIn.Address);
        var publisher = new PublisherService.PublisherServiceClient(channel);
        var complete = new EventMeshEvents(Identity, "trigger").Publish(Topic, ByteString.CopyFromUtf8("x"));
        var missing = complete.Clone();
        missing.Attributes.Remove(attribute);
        var empty = complete.Clone();
        empty.Attributes[attribute] = new CloudEvent.Types.CloudEventAttributeValue { CeString = string.Empty };

        var completeReply = EventMeshReply.Of(await publisher.publishAsync(complete));
        var missingReply = EventMeshReply.Of(await publisher.publishAsync(missing));
        var emptyReply = EventMeshReply.Of(await publisher.publishAsync(empty));

        // Complete, it passes every check and only fails for the topic nobody created.
        Assert.Equal("14", completeReply?.Code);
        Assert.Equal(status, missingReply?.Code);
        Assert.Equal(status, emptyReply?.Code);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_stand_in_refuses_data_that_does_not_match_its_content_type()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        using var channel = GrpcChannel.ForAddress(standIn.Address);
        var cloudEvent = new EventMeshEvents(Identity, "trigger").Publish(Topic, ByteString.CopyFromUtf8("x"));
        cloudEvent.Attributes["datacontenttype"] = new CloudEvent.Types.CloudEventAttributeValue { CeString = "text/plain" };

        var reply = EventMeshReply.Of(await new PublisherService.PublisherServiceClient(channel).publishAsync(cloudEvent));

        Assert.Equal("7", reply?.Code);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_stand_in_refuses_a_pid_that_is_not_a_number()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        using var channel = GrpcChannel.ForAddress(standIn.Address);
        var cloudEvent = new EventMeshEvents(Identity with { Pid = 1 }, "trigger").Publish(Topic, ByteString.CopyFromUtf8("x"));
        cloudEvent.Attributes["pid"] = new CloudEvent.Types.CloudEventAttributeValue { CeString = "12a" };

        var reply = EventMeshReply.Of(await new PublisherService.PublisherServiceClient(channel).publishAsync(cloudEvent));

        Assert.Equal("6", reply?.Code);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_publish_before_any_subscriber_is_rejected_then_acknowledged_once_the_topic_is_subscribed()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        var broker = new BrokerEndpoint("eventmesh", standIn.Address);
        var observer = new RecordingObserver();
        await using var sender = new EventMeshHopSender(broker, Topic, observer, Producer, Identity);
        await sender.ConnectAsync(CancellationToken.None);

        for (var token = 0; token < 10; token++)
        {
            sender.Send(Envelope(token), token);
        }

        await Poll.UntilAsync(() => observer.Outcomes.Count == 10, "every early publish is answered");
        Assert.All(observer.Outcomes.Values, outcome => Assert.Equal(nameof(DeliveryFailure.Rejected), outcome));
        var refusals = standIn.Runtime.Refusals.ToArray();
        Assert.Equal(10, refusals.Length);
        Assert.All(refusals, refusal => Assert.Equal("14", refusal.Code));
        Assert.All(refusals, refusal => Assert.Contains("topic not created", refusal.Detail, StringComparison.Ordinal));

        var sink = new RecordingSink();
        await using var receiver = new EventMeshHopReceiver(broker, Topic, new TopicIntake(sink, RunId), Consumer, Identity);
        await receiver.StartAsync(CancellationToken.None);
        sender.Send(Envelope(10), 10);

        await Poll.UntilAsync(() => observer.Outcomes.ContainsKey(10) && !sink.Envelopes.IsEmpty, "the later publish is answered and consumed");
        Assert.Equal("acknowledged", observer.Outcomes[10]);
        Assert.Equal(10, Assert.Single(sink.Envelopes).Sequence);
        Assert.Equal(10, standIn.Runtime.Refusals.Count());
    }

    [Fact(Timeout = Timeout)]
    public async Task Each_event_goes_to_one_consumer_of_each_subscribed_group()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        var broker = new BrokerEndpoint("eventmesh", standIn.Address);
        var (first, second, other) = (new RecordingSink(), new RecordingSink(), new RecordingSink());
        await using var firstReceiver = new EventMeshHopReceiver(broker, Topic, new TopicIntake(first, RunId), Consumer, Identity);
        await using var secondReceiver = new EventMeshHopReceiver(broker, Topic, new TopicIntake(second, RunId), Consumer, Identity);
        await using var otherReceiver = new EventMeshHopReceiver(broker, Topic, new TopicIntake(other, RunId), Consumer with { Component = "audit" }, Identity);
        await Task.WhenAll(firstReceiver.StartAsync(CancellationToken.None), secondReceiver.StartAsync(CancellationToken.None), otherReceiver.StartAsync(CancellationToken.None));
        var observer = new RecordingObserver();
        await using var sender = new EventMeshHopSender(broker, Topic, observer, Producer, Identity);
        await sender.ConnectAsync(CancellationToken.None);

        for (var token = 0; token < 20; token++)
        {
            sender.Send(Envelope(token), token);
        }

        await Poll.UntilAsync(
            () => first.Envelopes.Count + second.Envelopes.Count == 20 && other.Envelopes.Count == 20 && observer.Outcomes.Count == 20,
            "both groups have every event and every publish is answered");
        var group = first.Envelopes.Concat(second.Envelopes).Select(e => e.Sequence).ToArray();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), group.Order());
        Assert.NotEmpty(first.Envelopes);
        Assert.NotEmpty(second.Envelopes);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), other.Envelopes.Select(e => e.Sequence).Order());
        Assert.All(observer.Outcomes.Values, outcome => Assert.Equal("acknowledged", outcome));
    }

    [Fact(Timeout = Timeout)]
    public async Task Client_resubscribe_in_a_heartbeat_reply_makes_the_receiver_subscribe_again()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        var broker = new BrokerEndpoint("eventmesh", standIn.Address);
        var sink = new RecordingSink();
        await using var receiver = new EventMeshHopReceiver(
            broker, Topic, new TopicIntake(sink, RunId), Consumer, Identity, heartbeatInterval: TimeSpan.FromMilliseconds(100));
        await receiver.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Heartbeats(standIn, "0") >= 1, "a heartbeat is answered with success");

        standIn.Runtime.ForgetClients("action01");

        await Poll.UntilAsync(() => standIn.Runtime.Accepted("subscribeStream") == 2, "the receiver subscribes again");
        Assert.True(Heartbeats(standIn, "30") >= 1);
        Assert.Equal(2, receiver.SubscriptionsSent);
        Assert.Equal(0, receiver.StreamsLost);

        var observer = new RecordingObserver();
        await using var sender = new EventMeshHopSender(broker, Topic, observer, Producer, Identity);
        await sender.ConnectAsync(CancellationToken.None);
        sender.Send(Envelope(7), 7);
        await Poll.UntilAsync(() => !sink.Envelopes.IsEmpty, "an event published after the resubscription arrives");
        Assert.Equal(7, Assert.Single(sink.Envelopes).Sequence);
        Assert.DoesNotContain(standIn.Runtime.Refusals, refusal => refusal.Rpc != "heartbeat");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_killed_stream_is_counted_and_the_receiver_subscribes_again()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        var broker = new BrokerEndpoint("eventmesh", standIn.Address);
        var sink = new RecordingSink();
        await using var receiver = new EventMeshHopReceiver(broker, Topic, new TopicIntake(sink, RunId), Consumer, Identity);
        await receiver.StartAsync(CancellationToken.None);

        Assert.Equal(1, standIn.Runtime.KillConsumers("action01", lostBeforeReturn: 0));

        await Poll.UntilAsync(() => receiver.StreamsLost == 1 && standIn.Runtime.Accepted("subscribeStream") == 2, "the receiver subscribes again");
        var observer = new RecordingObserver();
        await using var sender = new EventMeshHopSender(broker, Topic, observer, Producer, Identity);
        await sender.ConnectAsync(CancellationToken.None);
        sender.Send(Envelope(3), 3);
        await Poll.UntilAsync(() => !sink.Envelopes.IsEmpty, "an event published after the new subscription arrives");
        Assert.Equal(3, Assert.Single(sink.Envelopes).Sequence);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_runtime_that_never_answers_makes_the_receiver_unreachable_after_the_connect_timeout()
    {
        var broker = new BrokerEndpoint("eventmesh", $"http://127.0.0.1:{FreePort.Next()}");
        await using var receiver = new EventMeshHopReceiver(
            broker, Topic, new TopicIntake(new RecordingSink(), RunId), Consumer with { ConnectTimeout = TimeSpan.FromSeconds(1) }, Identity);
        await using var sender = new EventMeshHopSender(
            broker, Topic, new RecordingObserver(), Producer with { ConnectTimeout = TimeSpan.FromSeconds(1) }, Identity);

        var subscribing = await Assert.ThrowsAsync<HopUnreachableException>(() => receiver.StartAsync(CancellationToken.None));
        var connecting = await Assert.ThrowsAsync<HopUnreachableException>(() => sender.ConnectAsync(CancellationToken.None));

        Assert.Contains(Topic, subscribing.Message, StringComparison.Ordinal);
        Assert.Contains(Topic, connecting.Message, StringComparison.Ordinal);
    }

    private static long Heartbeats(EventMeshStandIn standIn, string code) =>
        standIn.Runtime.Requests.Count(request => request.Rpc == "heartbeat" && request.Code == code);

    private static Envelope Envelope(long sequence) => new() { RunId = RunId, Sequence = sequence, Repetition = 1 };
}
