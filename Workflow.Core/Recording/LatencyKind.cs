namespace MeshAspire.Workflow.Recording;

/// <summary>The kinds of latency the workflow measures, each kept in its own histogram.</summary>
public enum LatencyKind
{
    /// <summary>Conclusion done - intended send time (latency from when the message should have been sent).</summary>
    EndToEnd,

    /// <summary>Trigger actual send - intended send time: how late the generator was.</summary>
    GeneratorLag,

    /// <summary>A component's send (or done) - its receive, on one clock: queueing and processing.</summary>
    ServiceTime,

    /// <summary>A sender's echo or acknowledgement - its send, on one clock.</summary>
    RoundTrip,

    /// <summary>The conclusion's reply reaching the trigger - intended send time, on the trigger's clock alone (reply.topic).</summary>
    Reply,
}

public static class LatencyKindExtensions
{
    /// <summary>The name used in files, tags and columns.</summary>
    public static string ToKey(this LatencyKind kind) => kind switch
    {
        LatencyKind.EndToEnd => "e2e",
        LatencyKind.GeneratorLag => "generator-lag",
        LatencyKind.ServiceTime => "service-time",
        LatencyKind.RoundTrip => "round-trip",
        LatencyKind.Reply => "reply",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
