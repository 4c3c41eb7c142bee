using NATS.Client.Core;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>Core NATS: a plain subscription to the topic's subject; the client resubscribes by itself after a reconnect.</summary>
public sealed class NatsHopReceiver(BrokerEndpoint broker, string subject, TopicIntake intake, TopicOptions options) : IHopReceiver
{
    private readonly CancellationTokenSource _stopping = new();
    private NatsConnection? _connection;
    private INatsSub<ArrivedEnvelope>? _subscription;
    private Task? _loop;

    public string Source => $"subject '{subject}' on {broker}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connection = await NatsConnections.ConnectAsync(broker, options, Source, cancellationToken);
        _subscription = await _connection.SubscribeCoreAsync(subject, serializer: EnvelopeNatsSerializer.Instance, cancellationToken: cancellationToken);
        await _connection.PingAsync(cancellationToken);
        _loop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            await foreach (var message in _subscription!.Msgs.ReadAllAsync(_stopping.Token))
            {
                Offer(intake, message.Data);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    internal static void Offer(TopicIntake intake, ArrivedEnvelope arrived)
    {
        if (arrived.Envelope is { } envelope)
        {
            intake.Offer(envelope, arrived.ReceivedNanos);
        }
        else
        {
            intake.RejectMalformed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        if (_loop is not null)
        {
            await _loop;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
