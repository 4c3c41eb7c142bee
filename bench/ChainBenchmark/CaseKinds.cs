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
        CaseKind.RabbitMq or CaseKind.RabbitMqUnconfirmed => TransportKind.RabbitMq,
        _ => TransportKind.Grpc,
    };

    /// <summary>A floor the chain is compared with, not a chain: it has no goal.</summary>
    public static bool IsFloor(this CaseKind kind) => kind is CaseKind.Floor or CaseKind.MachineFloor;

    public static string Title(this CaseKind kind) => kind switch
    {
        CaseKind.Floor => "Floor: one bare gRPC echo hop (client in the benchmark, echo server in another process)",
        CaseKind.MachineFloor => "Machine floor: the chain's three hops carried by four C processes over loopback TCP (blocking reads, no runtime), paced and measured as the chain",
        CaseKind.Grpc => "gRPC chain: trigger -> action01 -> action02 -> conclusion (four processes)",
        CaseKind.GrpcStream => "gRPC stream chain: the same four processes, one ordered bidirectional stream per hop",
        CaseKind.Tcp => "TCP chain: trigger -> action01 -> action02 -> conclusion (four processes)",
        CaseKind.Nats => "Core NATS chain: four processes and a private nats-server, a subject per hop",
        CaseKind.JetStream => "JetStream chain: four processes and a private nats-server, a file-backed stream per hop, acks",
        CaseKind.RabbitMq => "RabbitMQ chain: four processes and a private rabbitmq-server node, a durable queue per hop, acks and publisher confirms",
        _ => "RabbitMQ chain without publisher confirms (publisher.confirms=false): the same, a publish counts once the client took it",
    };

    /// <summary>The case's name in file names and run ids: its transport, and what sets it apart from another case on it.</summary>
    public static string Key(this CaseKind kind) =>
        kind switch
        {
            CaseKind.Floor => "floor",
            CaseKind.MachineFloor => "machine-floor",
            CaseKind.RabbitMqUnconfirmed => "rabbitmq-unconfirmed",
            _ => kind.TransportOf().ToKey(),
        };

    /// <summary>Scenario keys the case sets beyond the chain's own.</summary>
    public static string ExtraScenarioKeys(this CaseKind kind) =>
        kind == CaseKind.RabbitMqUnconfirmed ? "publisher.confirms=false" : string.Empty;
}
