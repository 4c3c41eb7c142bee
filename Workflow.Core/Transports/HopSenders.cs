using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports.Grpc;
using MeshAspire.Workflow.Transports.Tcp;

namespace MeshAspire.Workflow.Transports;

/// <summary>The <see cref="IHopSender"/> of each transport.</summary>
public static class HopSenders
{
    public static IHopSender Create(TransportKind transport, HopAddress address, IDeliveryObserver observer, HopSenderOptions options) =>
        transport switch
        {
            TransportKind.Grpc => new GrpcHopSender(address, observer, options),
            TransportKind.Tcp => new TcpHopSender(address, observer, options),
            _ => throw new NotSupportedException($"transport '{transport.ToKey()}' is not available yet"),
        };
}
