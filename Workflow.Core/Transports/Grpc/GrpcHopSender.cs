using Grpc.Core;
using Grpc.Net.Client;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>
/// One unary <c>Deliver</c> call per message over HTTP/2 (what a mesh sees as one request). Calls are not
/// awaited by the sender: many are in flight at once, and no call is retried, so loss is never hidden.
/// </summary>
public sealed class GrpcHopSender : IHopSender
{
    private readonly HopAddress _address;
    private readonly IDeliveryObserver _observer;
    private readonly HopSenderOptions _options;
    private readonly GrpcChannel _channel;
    private readonly Hop.HopClient _client;

    public GrpcHopSender(HopAddress address, IDeliveryObserver observer, HopSenderOptions options)
    {
        _address = address;
        _observer = observer;
        _options = options;
        _channel = GrpcHopChannels.For(address);
        _client = new Hop.HopClient(_channel);
    }

    public string Target => _address.ToString();

    public Task ConnectAsync(CancellationToken cancellationToken) =>
        GrpcHopProbe.WaitForAnswerAsync(_client, Target, _options.ConnectTimeout, cancellationToken);

    public void Send(Envelope envelope, long token)
    {
        var call = _client.DeliverAsync(envelope, deadline: DateTime.UtcNow + _options.CallTimeout);
        _ = CompleteAsync(call, token);
    }

    private async Task CompleteAsync(AsyncUnaryCall<Ack> call, long token)
    {
        using (call)
        {
            try
            {
                await call.ResponseAsync.ConfigureAwait(false);
                _observer.Acknowledged(token, UnixClock.NowNanos());
            }
            catch (RpcException error)
            {
                _observer.Failed(token, GrpcCallFailures.Classify(error.StatusCode));
            }
            catch (ObjectDisposedException)
            {
                _observer.Failed(token, DeliveryFailure.ConnectionLost);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
