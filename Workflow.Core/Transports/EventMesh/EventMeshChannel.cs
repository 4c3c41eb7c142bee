using Grpc.Net.Client;

namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>The HTTP/2 channel to the runtime's gRPC port (plaintext for an http:// address, as the runtime serves it).</summary>
internal static class EventMeshChannel
{
    /// <summary>How long one attempt to reach the runtime, or to have a subscription answered, may take.</summary>
    public static readonly TimeSpan AttemptDeadline = TimeSpan.FromSeconds(2);

    public static GrpcChannel Open(BrokerEndpoint broker)
    {
        if (!Uri.TryCreate(broker.ConnectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the eventmesh transport needs the runtime's http:// address, not {broker.Redacted}", nameof(broker));
        }

        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                ConnectTimeout = AttemptDeadline,
            },
            MaxRetryAttempts = 0,
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(50),
            MaxReconnectBackoff = TimeSpan.FromSeconds(2),
        });
    }

    /// <summary>Waits until the runtime's port takes a connection, or throws <see cref="HopUnreachableException"/> after the connect timeout.</summary>
    public static async Task ConnectAsync(GrpcChannel channel, string target, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(connectTimeout);
        try
        {
            await channel.ConnectAsync(deadline.Token);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HopUnreachableException(target, connectTimeout, error);
        }
    }
}
