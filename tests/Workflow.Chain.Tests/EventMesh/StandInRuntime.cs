using System.Collections.Concurrent;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>What one request the stand-in answered was, and its status.</summary>
internal sealed record StandInRequest(string Rpc, CloudEvent Event, string Code, string Detail);

/// <summary>An event published to a topic that one group's consumer never got: nobody of the group was connected.</summary>
internal sealed record StandInDrop(string Group, string Topic, CloudEvent Event);

/// <summary>
/// The stand-in's state and rules, behind its three gRPC services: topics (in standalone mode a topic exists once
/// something subscribed to it), each group's consumers per topic (CLUSTERING: one consumer of a group gets each
/// event), and a record of every request and every event it could not deliver, for tests to assert on.
/// </summary>
internal sealed class StandInRuntime
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _topics = [];
    private readonly Dictionary<(string Group, string Topic), List<StandInConsumerStream>> _consumers = [];
    private readonly Dictionary<string, int> _nextConsumer = [];
    private readonly Dictionary<string, int> _holds = [];
    private readonly List<StandInConsumerStream> _killed = [];

    /// <summary>Every request answered, in order of answer.</summary>
    public ConcurrentQueue<StandInRequest> Requests { get; } = new();

    public ConcurrentQueue<StandInDrop> Drops { get; } = new();

    public IEnumerable<StandInRequest> Refusals => Requests.Where(request => request.Code != StandInRules.Success);

    public IReadOnlyList<StandInConsumerStream> KilledStreams
    {
        get
        {
            lock (_gate)
            {
                return _killed.ToArray();
            }
        }
    }

    public long Accepted(string rpc) => Requests.Count(request => request.Rpc == rpc && request.Code == StandInRules.Success);

    public CloudEvent Publish(CloudEvent cloudEvent)
    {
        if (StandInRules.CheckIdentity(cloudEvent) is { } header)
        {
            return Answer("publish", cloudEvent, StandInRules.HeaderError, header);
        }

        if (StandInRules.CheckPublish(cloudEvent) is { } body)
        {
            return Answer("publish", cloudEvent, StandInRules.BodyError, body);
        }

        var topic = StandInRules.Text(cloudEvent, "subject")!;
        lock (_gate)
        {
            if (!_topics.Contains(topic))
            {
                return Answer("publish", cloudEvent, StandInRules.SendAsyncError, $"topic not created: {topic}");
            }

            foreach (var group in _consumers.Keys.Where(key => key.Topic == topic).Select(key => key.Group).Distinct().ToArray())
            {
                Deliver(group, topic, cloudEvent);
            }

            return Answer("publish", cloudEvent, StandInRules.Success, $"SendResult[topic={topic}]");
        }
    }

    /// <summary>A request on a consumer stream: a subscription (the client sends no replies for ASYNC events).</summary>
    public void Subscribe(StandInConsumerStream stream, CloudEvent cloudEvent)
    {
        var refusal = StandInRules.CheckIdentity(cloudEvent) is { } header ? (StandInRules.HeaderError, header) : default((string, string)?);
        var (group, topics, body) = StandInRules.CheckSubscription(cloudEvent);
        refusal ??= body is not null ? (StandInRules.BodyError, body) : null;
        lock (_gate)
        {
            if (refusal is null && _holds.TryGetValue(group!, out var remaining) && remaining > 0)
            {
                refusal = (StandInRules.SubscribeError, $"consumer group {group} held away until {remaining} more events are lost");
            }

            if (refusal is { } refused)
            {
                var (code, detail) = refused;
                stream.TryEnqueue(StandInRules.StreamReply(cloudEvent, code, detail));
                stream.Complete();
                Record("subscribeStream", cloudEvent, code, detail);
                return;
            }

            stream.TryEnqueue(StandInRules.StreamReply(cloudEvent, StandInRules.Success, "subscribe success"));
            foreach (var topic in topics)
            {
                _topics.Add(topic);
                var consumers = Consumers(group!, topic);
                if (!consumers.Contains(stream))
                {
                    consumers.Add(stream);
                }
            }

            Record("subscribeStream", cloudEvent, StandInRules.Success, "subscribe success");
        }
    }

    public CloudEvent Unsubscribe(CloudEvent cloudEvent)
    {
        if (StandInRules.CheckIdentity(cloudEvent) is { } header)
        {
            return Answer("unsubscribe", cloudEvent, StandInRules.HeaderError, header);
        }

        var (group, topics, body) = StandInRules.CheckSubscription(cloudEvent);
        if (body is not null)
        {
            return Answer("unsubscribe", cloudEvent, StandInRules.BodyError, body);
        }

        lock (_gate)
        {
            foreach (var topic in topics)
            {
                _consumers.Remove((group!, topic));
            }
        }

        return Answer("unsubscribe", cloudEvent, StandInRules.Success, "unsubscribe success");
    }

    public CloudEvent Heartbeat(CloudEvent cloudEvent)
    {
        if (StandInRules.CheckIdentity(cloudEvent) is { } header)
        {
            return Answer("heartbeat", cloudEvent, StandInRules.HeaderError, header);
        }

        var (clientType, group, topics, body) = StandInRules.CheckHeartbeat(cloudEvent);
        if (body is not null)
        {
            return Answer("heartbeat", cloudEvent, StandInRules.BodyError, body);
        }

        // Only consumers' heartbeats mean anything to the runtime.
        if (clientType != 1)
        {
            return Answer("heartbeat", cloudEvent, StandInRules.BodyError, "not a subscriber's heartbeat");
        }

        lock (_gate)
        {
            if (topics.Any(topic => !_consumers.TryGetValue((group!, topic), out var consumers) || consumers.Count == 0))
            {
                return Answer("heartbeat", cloudEvent, StandInRules.ClientResubscribe);
            }
        }

        return Answer("heartbeat", cloudEvent, StandInRules.Success, "heartbeat success");
    }

    /// <summary>The client closed its stream, or it broke: its consumers are gone.</summary>
    public void StreamEnded(StandInConsumerStream stream)
    {
        lock (_gate)
        {
            foreach (var consumers in _consumers.Values)
            {
                consumers.Remove(stream);
            }
        }
    }

    /// <summary>
    /// Test hook: aborts every stream of <paramref name="group"/> and refuses the group's subscriptions until
    /// <paramref name="lostBeforeReturn"/> events for it were dropped, so that a gap certainly loses messages.
    /// </summary>
    /// <returns>How many streams were killed.</returns>
    public int KillConsumers(string group, int lostBeforeReturn)
    {
        lock (_gate)
        {
            var streams = _consumers.Where(pair => pair.Key.Group == group).SelectMany(pair => pair.Value.Select(stream => (pair.Key.Topic, stream))).ToArray();
            foreach (var (topic, stream) in streams)
            {
                _consumers[(group, topic)].Remove(stream);
                foreach (var undelivered in stream.Kill())
                {
                    Drops.Enqueue(new StandInDrop(group, topic, undelivered));
                }

                _killed.Add(stream);
            }

            _holds[group] = lostBeforeReturn;
            return streams.Select(s => s.stream).Distinct().Count();
        }
    }

    /// <summary>Test hook: forgets the group's subscriptions as the runtime does when it lost a client; its streams stay open.</summary>
    public void ForgetClients(string group)
    {
        lock (_gate)
        {
            foreach (var key in _consumers.Keys.Where(key => key.Group == group).ToArray())
            {
                _consumers.Remove(key);
            }
        }
    }

    private void Deliver(string group, string topic, CloudEvent cloudEvent)
    {
        var consumers = Consumers(group, topic);
        for (var attempt = 0; attempt < consumers.Count; attempt++)
        {
            var next = _nextConsumer.GetValueOrDefault(group) % consumers.Count;
            _nextConsumer[group] = next + 1;
            if (consumers[next].TryEnqueue(cloudEvent))
            {
                return;
            }
        }

        Drops.Enqueue(new StandInDrop(group, topic, cloudEvent));
        if (_holds.TryGetValue(group, out var remaining) && remaining > 0)
        {
            _holds[group] = remaining - 1;
        }
    }

    private List<StandInConsumerStream> Consumers(string group, string topic)
    {
        if (!_consumers.TryGetValue((group, topic), out var consumers))
        {
            consumers = [];
            _consumers[(group, topic)] = consumers;
        }

        return consumers;
    }

    private CloudEvent Answer(string rpc, CloudEvent request, string code, string detail = "")
    {
        Record(rpc, request, code, detail);
        return StandInRules.Reply(code, detail);
    }

    private void Record(string rpc, CloudEvent request, string code, string detail) =>
        Requests.Enqueue(new StandInRequest(rpc, request, code, detail));
}
