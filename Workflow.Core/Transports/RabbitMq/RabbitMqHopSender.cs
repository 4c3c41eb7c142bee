using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using MeshAspire.Workflow.Timing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace MeshAspire.Workflow.Transports.RabbitMq;

/// <summary>
/// Publishes each message, persistent, to the topic's durable queue through the default exchange. <see cref="Send"/>
/// only queues the message: one loop publishes them in order on one channel, without waiting for confirms.
/// With publisher confirms a message is acknowledged when the broker confirms it; one the broker nacks or returns,
/// or that a lost connection leaves unconfirmed, is published again with backoff until the call timeout after its
/// first send, then fails as timed out (at least once: the next hop may see it twice, never not at all). Without
/// confirms a message is acknowledged once the client took it, and a failure is reported, never retried.
/// </summary>
public sealed class RabbitMqHopSender : IHopSender
{
    private readonly string _topic;
    private readonly CachedString _routingKey;
    private readonly IDeliveryObserver _observer;
    private readonly TopicOptions _options;
    private readonly ConnectionFactory _factory;
    private readonly Channel<PendingPublish> _outbox = Channel.CreateUnbounded<PendingPublish>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly PublishConfirmations _confirmations = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private IConnection? _connection;
    private volatile IChannel? _channel;
    private Task? _publishing;
    private int _disposed;

    public RabbitMqHopSender(BrokerEndpoint broker, string topic, IDeliveryObserver observer, TopicOptions options)
    {
        var uri = RabbitMqAddress.Parse(broker);
        _topic = topic;
        _routingKey = new CachedString(topic);
        _observer = observer;
        _options = options;
        _factory = RabbitMqAddress.CreateFactory(uri);
        _stoppingToken = _stopping.Token;
        Target = $"{topic} on rabbitmq ({RabbitMqAddress.Describe(uri)})";
    }

    public string Target { get; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stoppingToken);
        var (connection, channel) = await RabbitMqConnector.OpenAsync(
            _factory, $"{_options.Component} publisher", Target, _options.ConnectTimeout, OpenChannelAsync, linked.Token);
        _connection = connection;
        _channel = channel;
        _publishing = Task.Run(PublishLoopAsync, CancellationToken.None);
    }

    public void Send(Envelope envelope, long token)
    {
        if (_channel is null)
        {
            _observer.Failed(token, DeliveryFailure.NotConnected);
            return;
        }

        var publish = new PendingPublish(token, envelope.ToByteArray(), Stopwatch.GetTimestamp());
        if (!_outbox.Writer.TryWrite(publish))
        {
            _observer.Failed(token, DeliveryFailure.ConnectionLost);
        }
    }

    private async Task<IChannel> OpenChannelAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var confirms = _options.PublisherConfirms;
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: false),
            cancellationToken);
        await RabbitMqQueues.DeclareAsync(channel, _topic, cancellationToken);
        if (confirms)
        {
            channel.BasicAcksAsync += OnConfirmedAsync;
            channel.BasicNacksAsync += OnNackedAsync;
            channel.BasicReturnAsync += OnReturnedAsync;
            channel.ChannelShutdownAsync += OnChannelLostAsync;
        }

        return channel;
    }

    private async Task PublishLoopAsync()
    {
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var publish))
                {
                    if (_options.PublisherConfirms)
                    {
                        await PublishConfirmedAsync(publish).ConfigureAwait(false);
                    }
                    else
                    {
                        await PublishUnconfirmedAsync(publish).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask PublishConfirmedAsync(PendingPublish publish)
    {
        if (publish.HasExpired(Stopwatch.GetTimestamp(), _options.CallTimeout))
        {
            _observer.Failed(publish.Token, DeliveryFailure.TimedOut);
            return;
        }

        var channel = _channel!;
        var generation = _confirmations.Generation;
        ulong sequence;
        try
        {
            if (!channel.IsOpen)
            {
                PublishAgain(publish);
                return;
            }

            sequence = await channel.GetNextPublishSequenceNumberAsync(_stoppingToken).ConfigureAwait(false);
        }
        catch (Exception error) when (IsPublishFailure(error))
        {
            PublishAgain(publish);
            return;
        }

        if (!_confirmations.Track(generation, sequence, publish))
        {
            PublishAgain(publish);
            return;
        }

        try
        {
            await channel.BasicPublishAsync(CachedString.Empty, _routingKey, mandatory: true, publish.Properties, publish.Body, _stoppingToken)
                .ConfigureAwait(false);
        }
        catch (Exception error) when (IsPublishFailure(error))
        {
            if (_confirmations.Untrack(sequence, publish))
            {
                PublishAgain(publish);
            }
        }
    }

    private async ValueTask PublishUnconfirmedAsync(PendingPublish publish)
    {
        var channel = _channel!;
        if (!channel.IsOpen)
        {
            _observer.Failed(publish.Token, DeliveryFailure.NotConnected);
            return;
        }

        try
        {
            await channel.BasicPublishAsync(CachedString.Empty, _routingKey, mandatory: false, publish.Properties, publish.Body, _stoppingToken)
                .ConfigureAwait(false);
            _observer.Acknowledged(publish.Token, UnixClock.NowNanos());
        }
        catch (AlreadyClosedException)
        {
            _observer.Failed(publish.Token, DeliveryFailure.NotConnected);
        }
        catch (Exception error) when (IsPublishFailure(error))
        {
            _observer.Failed(publish.Token, DeliveryFailure.ConnectionLost);
        }
    }

    /// <summary>Publishes the message again after its backoff, unless its call timeout has passed or the sender is closing.</summary>
    private void PublishAgain(PendingPublish publish)
    {
        if (_stoppingToken.IsCancellationRequested)
        {
            _observer.Failed(publish.Token, DeliveryFailure.ConnectionLost);
        }
        else if (publish.HasExpired(Stopwatch.GetTimestamp(), _options.CallTimeout))
        {
            _observer.Failed(publish.Token, DeliveryFailure.TimedOut);
        }
        else
        {
            _ = PublishLaterAsync(publish);
        }
    }

    private async Task PublishLaterAsync(PendingPublish publish)
    {
        try
        {
            await Task.Delay(publish.NextRetryDelay(), _stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _observer.Failed(publish.Token, DeliveryFailure.ConnectionLost);
            return;
        }

        if (!_outbox.Writer.TryWrite(publish))
        {
            _observer.Failed(publish.Token, DeliveryFailure.ConnectionLost);
        }
    }

    private Task OnConfirmedAsync(object sender, BasicAckEventArgs confirm)
    {
        Settle(confirm.DeliveryTag, confirm.Multiple, confirmed: true);
        return Task.CompletedTask;
    }

    private Task OnNackedAsync(object sender, BasicNackEventArgs nack)
    {
        Settle(nack.DeliveryTag, nack.Multiple, confirmed: false);
        return Task.CompletedTask;
    }

    private Task OnReturnedAsync(object sender, BasicReturnEventArgs returned)
    {
        if (PendingPublish.TokenOf(returned.BasicProperties) is { } token)
        {
            _confirmations.Returned(token);
        }

        return Task.CompletedTask;
    }

    private Task OnChannelLostAsync(object sender, ShutdownEventArgs reason)
    {
        var again = new List<PendingPublish>();
        _confirmations.ChannelLost(again);
        again.ForEach(PublishAgain);
        return Task.CompletedTask;
    }

    private void Settle(ulong tag, bool multiple, bool confirmed)
    {
        var now = UnixClock.NowNanos();
        List<PendingPublish> settled = [], again = [];
        _confirmations.Settle(tag, multiple, confirmed, settled, again);
        foreach (var publish in settled)
        {
            _observer.Acknowledged(publish.Token, now);
        }

        again.ForEach(PublishAgain);
    }

    private static bool IsPublishFailure(Exception error) =>
        RabbitMqConnector.IsBrokerFailure(error) || error is OperationCanceledException;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _outbox.Writer.TryComplete();
        if (_publishing is not null)
        {
            await _publishing;
        }

        while (_outbox.Reader.TryRead(out var publish))
        {
            _observer.Failed(publish.Token, DeliveryFailure.ConnectionLost);
        }

        await RabbitMqConnector.CloseQuietlyAsync(_channel, _connection);
        var unconfirmed = new List<PendingPublish>();
        _confirmations.ChannelLost(unconfirmed);
        foreach (var publish in unconfirmed)
        {
            _observer.Failed(publish.Token, DeliveryFailure.ConnectionLost);
        }

        _stopping.Dispose();
    }
}
