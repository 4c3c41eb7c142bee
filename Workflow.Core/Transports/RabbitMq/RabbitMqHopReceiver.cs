using MeshAspire.Workflow.Timing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MeshAspire.Workflow.Transports.RabbitMq;

/// <summary>
/// Consumes the topic's durable queue with manual acks: each message is stamped, handed to the intake, then
/// acknowledged. Messages left in the queue by earlier runs are purged when it subscribes. After a lost connection
/// the client recovers the channel and the consumer; messages delivered and not yet acknowledged come again, and
/// the conclusion counts them as duplicates.
/// </summary>
public sealed class RabbitMqHopReceiver : IHopReceiver
{
    /// <summary>Unacknowledged deliveries the broker may push ahead: far above what 10,000 msg/s needs in flight.</summary>
    public const ushort Prefetch = 2_000;

    private readonly string _topic;
    private readonly TopicIntake _intake;
    private readonly TopicOptions _options;
    private readonly ConnectionFactory _factory;
    private IConnection? _connection;
    private IChannel? _channel;
    private int _disposed;

    public RabbitMqHopReceiver(BrokerEndpoint broker, string topic, TopicIntake intake, TopicOptions options)
    {
        var uri = RabbitMqAddress.Parse(broker);
        _topic = topic;
        _intake = intake;
        _options = options;
        _factory = RabbitMqAddress.CreateFactory(uri);
        Source = $"{topic} on rabbitmq ({RabbitMqAddress.Describe(uri)})";
    }

    public string Source { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (_connection, _channel) = await RabbitMqConnector.OpenAsync(
            _factory, $"{_options.Component} consumer", Source, _options.ConnectTimeout, SubscribeAsync, cancellationToken);
    }

    private async Task<IChannel> SubscribeAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.BasicQosAsync(prefetchSize: 0, Prefetch, global: false, cancellationToken);
        await RabbitMqQueues.DeclareAsync(channel, _topic, cancellationToken);
        await channel.QueuePurgeAsync(_topic, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => ReceiveAsync(channel, delivery);
        await channel.BasicConsumeAsync(_topic, autoAck: false, consumer, cancellationToken);
        return channel;
    }

    private async Task ReceiveAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var received = UnixClock.NowNanos();
        _intake.Offer(delivery.Body, received);
        try
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, delivery.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (RabbitMqConnector.IsBrokerFailure(error) || error is OperationCanceledException)
        {
            // The channel died with the message unacknowledged: the broker delivers it again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await RabbitMqConnector.CloseQuietlyAsync(_channel, _connection);
        }
    }
}
