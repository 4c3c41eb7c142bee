namespace MeshAspire.Workflow.Scenarios;

public enum TransportKind
{
    Grpc,
    Tcp,
    Nats,
    JetStream,
    RabbitMq,
    Kafka,
    EventMesh,
}

public static class TransportKindExtensions
{
    public static bool IsSynchronous(this TransportKind kind) => kind is TransportKind.Grpc or TransportKind.Tcp;

    /// <summary>The name as written in a scenario file.</summary>
    public static string ToKey(this TransportKind kind) => kind switch
    {
        TransportKind.Grpc => "grpc",
        TransportKind.Tcp => "tcp",
        TransportKind.Nats => "nats",
        TransportKind.JetStream => "jetstream",
        TransportKind.RabbitMq => "rabbitmq",
        TransportKind.Kafka => "kafka",
        TransportKind.EventMesh => "eventmesh",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
