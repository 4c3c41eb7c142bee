using System.Threading.Channels;
using MeshAspire.Workflow.Timing;
using NATS.Client.Core;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>
/// Core NATS: at most once. Messages are published in order by one loop; "acknowledged" means the client took the
/// message for its socket (core NATS has no broker confirm). While the broker is away the client holds publishes
/// until it reconnects; what the broker never delivers shows as loss at the conclusion.
/// </summary>
public sealed class NatsHopSender(BrokerEndpoint broker, string subject, IDeliveryObserver observer, TopicOptions options) : IHopSender
{
    private readonly Channel<(Envelope Envelope, long Token)> _outbox =
        Channel.CreateUnbounded<(Envelope, long)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stopping = new();
    private NatsConnection? _connection;
    private Task? _loop;

    public string Target => $"subject '{subject}' on {broker}";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _connection = await NatsConnections.ConnectAsync(broker, options, Target, cancellationToken);
        _loop = Task.Run(PublishLoopAsync, CancellationToken.None);
    }

    public void Send(Envelope envelope, long token)
    {
        if (_loop is null || !_outbox.Writer.TryWrite((envelope, token)))
        {
            observer.Failed(token, DeliveryFailure.NotConnected);
        }
    }

    private async Task PublishLoopAsync()
    {
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (reader.TryRead(out var item))
                {
                    try
                    {
                        await _connection!.PublishAsync(subject, item.Envelope, serializer: EnvelopeNatsSerializer.Instance, cancellationToken: _stopping.Token);
                        observer.Acknowledged(item.Token, UnixClock.NowNanos());
                    }
                    catch (NatsException)
                    {
                        observer.Failed(item.Token, DeliveryFailure.ConnectionLost);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        while (reader.TryRead(out var left))
        {
            observer.Failed(left.Token, DeliveryFailure.NotConnected);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _stopping.CancelAsync();
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
