using Grpc.Core;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>What a failed gRPC call means for its message, for every transport that sends by gRPC calls.</summary>
public static class GrpcCallFailures
{
    public static DeliveryFailure Classify(StatusCode status) => status switch
    {
        StatusCode.DeadlineExceeded => DeliveryFailure.TimedOut,
        StatusCode.Unavailable => DeliveryFailure.NotConnected,
        StatusCode.Cancelled or StatusCode.Internal or StatusCode.Unknown => DeliveryFailure.ConnectionLost,
        _ => DeliveryFailure.Rejected,
    };
}
