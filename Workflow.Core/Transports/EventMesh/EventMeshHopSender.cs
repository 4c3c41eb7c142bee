using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MeshAspire.Workflow.Timing;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;
using MeshAspire.Workflow.Transports.Grpc;

namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>
/// Publishes each message as one CloudEvent with a unary <c>publish</c> call to the EventMesh runtime. Calls are not
/// awaited by <see cref="Send"/>: many are in flight at once. A reply with status "0" acknowledges the message; an
/// error reply (say, "topic not created") rejects it; no call is retried, so loss is never hidden.
/// </summary>
public sealed class EventMeshHopSender : IHopSender
{
    private readonly string _topic;
    private readonly IDeliveryObserver _observer;
    private readonly TopicOptions _options;
    private readonly EventMeshEvents _events;
    private readonly GrpcChannel _channel;
    private readonly PublisherService.PublisherServiceClient _publisher;

    public EventMeshHopSender(BrokerEndpoint broker, string topic, IDeliveryObserver observer, TopicOptions options, EventMeshClientIdentity identity)
    {
        _topic = topic;
        _observer = observer;
        _options = options;
        _events = new EventMeshEvents(identity, options.Component);
        _channel = EventMeshChannel.Open(broker);
        _publisher = new PublisherService.PublisherServiceClient(_channel);
        Target = $"{topic} on {broker}";
    }

    public string Target { get; }

    /// <remarks>The runtime has no probe call: reachable means its gRPC port takes a connection.</remarks>
    public Task ConnectAsync(CancellationToken cancellationToken) =>
        EventMeshChannel.ConnectAsync(_channel, Target, _options.ConnectTimeout, cancellationToken);

    public void Send(Envelope envelope, long token)
    {
        AsyncUnaryCall<CloudEvent> call;
        try
        {
            var cloudEvent = _events.Publish(_topic, envelope.ToByteString());
            call = _publisher.publishAsync(cloudEvent, deadline: DateTime.UtcNow + _options.CallTimeout);
        }
        catch (Exception error) when (error is ObjectDisposedException or InvalidOperationException or RpcException)
        {
            _observer.Failed(token, DeliveryFailure.NotConnected);
            return;
        }

        _ = CompleteAsync(call, token);
    }

    private async Task CompleteAsync(AsyncUnaryCall<CloudEvent> call, long token)
    {
        using (call)
        {
            try
            {
                var reply = await call.ResponseAsync.ConfigureAwait(false);
                if (EventMeshReply.Of(reply) is { IsSuccess: true })
                {
                    _observer.Acknowledged(token, UnixClock.NowNanos());
                }
                else
                {
                    _observer.Failed(token, DeliveryFailure.Rejected);
                }
            }
            catch (RpcException error)
            {
                _observer.Failed(token, GrpcCallFailures.Classify(error.StatusCode));
            }
            catch (Exception error) when (error is not RpcException)
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
