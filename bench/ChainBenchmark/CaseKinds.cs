using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Bench;

public static class CaseKinds
{
    /// <summary>The transport a chain case runs on.</summary>
    public static TransportKind TransportOf(this CaseKind kind) => kind switch
    {
        CaseKind.GrpcStream => TransportKind.GrpcStream,
        CaseKind.Tcp => TransportKind.Tcp,
        CaseKind.Nats => TransportKind.Nats,
        CaseKind.JetStream => TransportKind.JetStream,
        CaseKind.RabbitMq => TransportKind.RabbitMq,
        _ => TransportKind.Grpc,
    };

    public static string Title(this CaseKind kind) => kind switch
    {
        CaseKind.Floor => "Floor: one bare gRPC echo hop (client in the benchmark, echo server in another process)",
        CaseKind.Grpc => "gRPC chain: trigger -> action01 -> action02 -> conclusion (four processes)",
        CaseKind.GrpcStream => "gRPC stream chain: the same four processes, one ordered bidirectional stream per hop",
        CaseKind.Tcp => "TCP chain: trigger -> action01 -> action02 -> conclusion (four processes)",
        CaseKind.Nats => "Core NATS chain: four processes and a private nats-server, a subject per hop",
        CaseKind.JetStream => "JetStream chain: four processes and a private nats-server, a file-backed stream per hop, acks",
        _ => "RabbitMQ chain: four processes and a private rabbitmq-server node, a durable queue per hop, acks and publisher confirms",
    };
}
