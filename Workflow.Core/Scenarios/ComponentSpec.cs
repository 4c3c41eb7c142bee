namespace MeshAspire.Workflow.Scenarios;

/// <summary>One <c>[trigger]</c>, <c>[action]</c> or <c>[conclusion]</c> section of a scenario file.</summary>
public sealed record ComponentSpec
{
    public required ComponentRole Role { get; init; }

    /// <summary>The component's name: its resource, Service and host name.</summary>
    public required string RootName { get; init; }

    /// <summary>The line of the section header, for messages.</summary>
    public required int Line { get; init; }

    /// <summary>Null when the section gives no <c>operation.ops.*</c>: unlimited capacity (action, conclusion).</summary>
    public OperationRate? Operations { get; init; }

    /// <summary><c>communication.hostname.to</c>: the rootname of the next hop (sync transports).</summary>
    public string? HostnameTo { get; init; }

    /// <summary><c>communication.port.to</c>: the next hop's port in Kubernetes.</summary>
    public int? PortTo { get; init; }

    /// <summary><c>communication.port.from</c>: the port this component listens on in Kubernetes.</summary>
    public int? PortFrom { get; init; }

    /// <summary><c>communication.to</c>: the topic this component publishes to (async transports).</summary>
    public string? TopicTo { get; init; }

    /// <summary><c>communication.from</c>: the topic this component consumes (async transports).</summary>
    public string? TopicFrom { get; init; }

    /// <summary><c>placement.cluster</c>: the cluster this component runs in when published.</summary>
    public string? Cluster { get; init; }
}
