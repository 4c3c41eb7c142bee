using Grpc.Net.Client;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>The HTTP/2 channel both grpc transports send on: kept open for the whole run, never retrying a call.</summary>
public static class GrpcHopChannels
{
    public static GrpcChannel For(HopAddress address) =>
        GrpcChannel.ForAddress(address.Uri, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                ConnectTimeout = GrpcHopProbe.Deadline,
            },
            MaxRetryAttempts = 0,
        });
}
