using MeshAspire.Workflow.Scenarios;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.Workflow.Transports;

/// <summary>Where the next hop listens: its name and the URI the transport connects to.</summary>
public sealed record HopAddress(string Name, Uri Uri)
{
    public override string ToString() => $"{Name} ({Uri})";

    /// <summary>The endpoint name a component's hop listener has in the app model, per transport.</summary>
    public static string EndpointNameFor(TransportKind transport) => transport switch
    {
        TransportKind.Grpc or TransportKind.GrpcStream => "grpc",
        TransportKind.Tcp => "tcp",
        _ => throw new NotSupportedException($"transport '{transport.ToKey()}' has no hop endpoint"),
    };

    /// <summary>
    /// Aspire's service discovery configuration (<c>services:{name}:{endpoint}:0</c>) when present, as in a local
    /// run; otherwise the name and the scenario's port as DNS, as in Kubernetes.
    /// </summary>
    public static HopAddress Resolve(IConfiguration configuration, ComponentSpec nextHop, int? portTo, TransportKind transport)
    {
        var endpoint = EndpointNameFor(transport);
        var configured = configuration[$"services:{nextHop.RootName}:{endpoint}:0"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new HopAddress(nextHop.RootName, new Uri(configured));
        }

        var port = portTo ?? nextHop.PortFrom
            ?? throw new InvalidOperationException($"no address for {nextHop.RootName}: no service discovery entry and no communication.port.to");
        var scheme = transport == TransportKind.Tcp ? "tcp" : "http";
        return new HopAddress(nextHop.RootName, new Uri($"{scheme}://{nextHop.RootName}:{port}"));
    }
}
