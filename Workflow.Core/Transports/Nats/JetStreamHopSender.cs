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
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly PublishOutbox _outbox = new(observer);
    private NatsConnection? _connection;
    private NatsJSContext? _context;

    public string Target => $"stream of topic '{topic}' on {broker}";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _connection = await NatsConnections.ConnectAsync(broker, options, Target, cancellationToken);
        _context = new NatsJSContext(_connection);
        await JetStreamTopology.DeclareStreamAsync(_context, topic, cancellationToken);
        _outbox.Start(StartPublishAsync);
    }

    public void Send(Envelope envelope, long token) => _outbox.Post(envelope, token);

    /// <summary>Waits for a place in the window, then lets the publish run on its own.</summary>
    private async ValueTask StartPublishAsync(Envelope envelope, long token)
    {
        await _window.WaitAsync(_outbox.Stopping);
        _ = PublishUntilAcknowledgedAsync(envelope, token);
    }

    private async Task PublishUntilAcknowledgedAsync(Envelope envelope, long token)
    {
        DeliveryFailure? failure;
        try
        {
            failure = await PublishWithRetriesAsync(envelope);
        }
        catch (Exception)
        {
            failure = DeliveryFailure.ConnectionLost;
        }
        finally
        {
            _window.Release();
        }

        if (failure is { } failed)
        {
            observer.Failed(token, failed);
        }
        else
        {
            observer.Acknowledged(token, UnixClock.NowNanos());
        }
    }

    /// <summary>Null once the stream acknowledged the message; else why it never did.</summary>
    private async Task<DeliveryFailure?> PublishWithRetriesAsync(Envelope envelope)
    {
        var giveUpAt = DateTime.UtcNow + options.CallTimeout;
        var publish = new NatsJSPubOpts { MsgId = $"{envelope.RunId}/{envelope.Repetition}/{envelope.Sequence}" };
        var backoff = new ConnectBackoff();
        while (!_outbox.Stopping.IsCancellationRequested)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_outbox.Stopping);
                attempt.CancelAfter(AttemptTimeout);
                var ack = await _context!.PublishAsync(topic, envelope, EnvelopeNatsSerializer.Instance, publish, cancellationToken: attempt.Token);
                if (ack.Error is null)
                {
                    return null;
                }
            }
            catch (Exception) when (!_outbox.Stopping.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow >= giveUpAt)
            {
                return DeliveryFailure.TimedOut;
            }

            await Task.Delay(backoff.Next(), _outbox.Stopping);
        }

        return DeliveryFailure.ConnectionLost;
    }

    /// <summary>Stops taking messages, lets the publishes in flight end (stopping cancels their waits), then closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _outbox.StopAsync();
        var deadline = DateTime.UtcNow + DrainOnDispose;
        while (_window.CurrentCount < Window && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
