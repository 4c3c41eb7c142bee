using k8s.Models;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// A port named by its protocol (Istio reads the name's prefix) with <c>appProtocol</c>, for a container and its
/// Service alike.
/// </summary>
internal sealed record ServicePort(string Name, int Port, string AppProtocol)
{
    public V1ContainerPort ForContainer() => new() { Name = Name, ContainerPort = Port, Protocol = "TCP" };

    public V1ServicePort ForService() => new() { Name = Name, Port = Port, TargetPort = Name, Protocol = "TCP", AppProtocol = AppProtocol };

    public static ServicePort Http(string name, int port) => new(name, port, "http");

    public static ServicePort Grpc(string name, int port) => new(name, port, "grpc");

    public static ServicePort Tcp(string name, int port) => new(name, port, "tcp");
}
