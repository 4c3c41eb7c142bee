using MeshAspire.Workflow.Timing;
using NATS.Client.Core;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>
/// Core NATS: at most once. Messages are published in order, on the sending thread while the client takes them at
/// once (a write into its buffer); "acknowledged" means the client took the message for its socket (core NATS has
/// no broker confirm). While the broker is away the client holds publishes until it reconnects; what the broker
/// never delivers shows as loss at the conclusion.
/// </summary>
public sealed class NatsHopSender(BrokerEndpoint broker, string subject, IDeliveryObserver observer, TopicOptions options) : IHopSender
{
    private readonly PublishOutbox _outbox = new(observer);
    private NatsConnection? _connection;

    public string Target => $"subject '{subject}' on {broker}";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _connection = await NatsConnections.ConnectAsync(broker, options, Target, cancellationToken);
        _outbox.Start(PublishAsync, inline: true);
    }

    public void Send(Envelope envelope, long token) => _outbox.Post(envelope, token);

    private async ValueTask PublishAsync(Envelope envelope, long token)
    {
        await _connection!.PublishAsync(subject, envelope, serializer: EnvelopeNatsSerializer.Instance, cancellationToken: _outbox.Stopping);
        observer.Acknowledged(token, UnixClock.NowNanos());
    }

    public async ValueTask DisposeAsync()
    {
        await _outbox.StopAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
