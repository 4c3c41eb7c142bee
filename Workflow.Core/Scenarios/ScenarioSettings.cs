namespace MeshAspire.Workflow.Scenarios;

/// <summary>The scenario's global keys (before the first section). Every one but duration is optional.</summary>
public sealed record ScenarioSettings
{
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(60);
    public const int DefaultPayloadBytes = 64;
    public const int DefaultTraceEvery = 1000;
    public const int DefaultMaxInFlight = 10_000;

    /// <summary><c>duration</c>: how long the trigger's schedule lasts (per repetition).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary><c>transport</c>. Default grpc, or nats when the chain is given by topics.</summary>
    public TransportKind Transport { get; init; } = TransportKind.Grpc;

    /// <summary><c>mesh</c>: recorded with the run; chooses the manifests when published.</summary>
    public MeshKind Mesh { get; init; } = MeshKind.None;

    /// <summary><c>pacing</c>: linear (default) or thesis.</summary>
    public PacingMode Pacing { get; init; } = PacingMode.Linear;

    /// <summary><c>payload.bytes</c>: the size of each message's payload.</summary>
    public int PayloadBytes { get; init; } = DefaultPayloadBytes;

    /// <summary><c>warmup</c>: sent at ops.start before the measured schedule and left out of every statistic.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary><c>drain</c>: how long after its last send the run waits for messages still on their way.</summary>
    public TimeSpan Drain { get; init; } = DefaultDrain;

    /// <summary><c>repetitions</c>: how many times the schedule runs; histograms are merged by adding.</summary>
    public int Repetitions { get; init; } = 1;

    /// <summary><c>connect.timeout</c>: how long a component retries reaching its next hop before it gives up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary><c>tracing.every</c>: one message in this many carries a sampled trace; 0 turns tracing off.</summary>
    public int TraceEvery { get; init; } = DefaultTraceEvery;

    /// <summary>
    /// <c>max.in.flight</c>: the most messages the trigger keeps unanswered; at the limit it waits, which shows as
    /// generator lag, so that an overloaded first hop cannot grow the trigger's memory and starve it without bound.
    /// </summary>
    public int MaxInFlight { get; init; } = DefaultMaxInFlight;

    /// <summary>
    /// <c>reply.topic</c> (async transports): the conclusion publishes a short reply for every message to this topic
    /// and the trigger consumes it, so the trigger measures a round trip on its own clock alone. Null: no replies.
    /// </summary>
    public string? ReplyTopic { get; init; }

    /// <summary>
    /// <c>publisher.confirms</c>: on a broker that confirms publishes (rabbitmq), a message counts as delivered to the
    /// next hop only once the broker confirmed it, and one the broker refused or lost is published again; false
    /// counts it once the client took it and never publishes again.
    /// </summary>
    public bool PublisherConfirms { get; init; } = true;
}
