using NATS.Client.Core;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>Core NATS: a plain subscription to the topic's subject; the client resubscribes by itself after a reconnect.</summary>
public sealed class NatsHopReceiver(BrokerEndpoint broker, string subject, TopicIntake intake, TopicOptions options) : IHopReceiver
{
    private NatsConnection? _connection;
    private NatsIntakeSubscription? _subscription;

    public string Source => $"subject '{subject}' on {broker}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connection = await NatsConnections.ConnectAsync(broker, options, Source, cancellationToken);
        _subscription = new NatsIntakeSubscription(_connection, subject, intake);
        await _connection.AddSubAsync(_subscription, cancellationToken);
        await _connection.PingAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
