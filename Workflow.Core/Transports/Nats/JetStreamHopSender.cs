using MeshAspire.Workflow.Timing;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>
/// JetStream: at least once. Each publish waits for the stream's acknowledgement; up to <see cref="Window"/> publishes
/// are in flight at once. A publish that fails or gets no acknowledgement is sent again, with the same message id so
/// the stream's duplicate window drops a copy it already has, until the call timeout since its first attempt.
/// </summary>
public sealed class JetStreamHopSender(BrokerEndpoint broker, string topic, IDeliveryObserver observer, TopicOptions options) : IHopSender
{
    public const int Window = 512;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly CancellationTokenSource _stopping = new();
    private readonly System.Threading.Channels.Channel<(Envelope Envelope, long Token)> _outbox =
        System.Threading.Channels.Channel.CreateUnbounded<(Envelope, long)>(new() { SingleReader = true, SingleWriter = true });

    private NatsConnection? _connection;
    private NatsJSContext? _context;
    private Task? _loop;

    public string Target => $"stream of topic '{topic}' on {broker}";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _connection = await NatsConnections.ConnectAsync(broker, options, Target, cancellationToken);
        _context = new NatsJSContext(_connection);
        await JetStreamTopology.DeclareStreamAsync(_context, topic, cancellationToken);
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
                    await _window.WaitAsync(_stopping.Token);
                    _ = PublishUntilAcknowledgedAsync(item.Envelope, item.Token);
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

    private async Task PublishUntilAcknowledgedAsync(Envelope envelope, long token)
    {
        var giveUpAt = DateTime.UtcNow + options.CallTimeout;
        var publish = new NatsJSPubOpts { MsgId = $"{envelope.RunId}/{envelope.Repetition}/{envelope.Sequence}" };
        var backoff = new ConnectBackoff();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                    attempt.CancelAfter(AttemptTimeout);
                    var ack = await _context!.PublishAsync(topic, envelope, EnvelopeNatsSerializer.Instance, publish, cancellationToken: attempt.Token);
                    if (ack.Error is null)
                    {
                        observer.Acknowledged(token, UnixClock.NowNanos());
                        return;
                    }
                }
                catch (Exception error) when (error is NatsException or OperationCanceledException && !_stopping.IsCancellationRequested)
                {
                }

                if (DateTime.UtcNow >= giveUpAt)
                {
                    observer.Failed(token, DeliveryFailure.TimedOut);
                    return;
                }

                await Task.Delay(backoff.Next(), _stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _window.Release();
        }

        observer.Failed(token, DeliveryFailure.ConnectionLost);
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
    }
}
