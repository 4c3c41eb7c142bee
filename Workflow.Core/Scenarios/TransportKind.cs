namespace MeshAspire.Workflow.Scenarios;

public enum TransportKind
{
    Grpc,
    GrpcStream,
    Tcp,
    Nats,
    JetStream,
    RabbitMq,
    Kafka,
    EventMesh,
}

public static class TransportKindExtensions
{
    public static bool IsSynchronous(this TransportKind kind) => kind is TransportKind.Grpc or TransportKind.GrpcStream or TransportKind.Tcp;

    /// <summary>The transports whose hops are gRPC calls to the next hop's <c>Hop</c> service over plain HTTP/2.</summary>
    public static bool IsGrpc(this TransportKind kind) => kind is TransportKind.Grpc or TransportKind.GrpcStream;

    /// <summary>The transport a scenario-file name stands for, or null for a name that is none.</summary>
    public static TransportKind? FromKey(string key) =>
        Enum.GetValues<TransportKind>().Where(kind => kind.ToKey() == key).Select(kind => (TransportKind?)kind).FirstOrDefault();

    /// <summary>The name as written in a scenario file.</summary>
    public static string ToKey(this TransportKind kind) => kind switch
    {
        TransportKind.Grpc => "grpc",
        TransportKind.GrpcStream => "grpc-stream",
        TransportKind.Tcp => "tcp",
        TransportKind.Nats => "nats",
        TransportKind.JetStream => "jetstream",
        TransportKind.RabbitMq => "rabbitmq",
        TransportKind.Kafka => "kafka",
        TransportKind.EventMesh => "eventmesh",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
