using Confluent.Kafka;
using Google.Protobuf;
using MeshAspire.Workflow.Timing;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// Publishes each envelope as one record to the hop's topic (<see cref="KafkaTopicName"/>). <c>Produce</c> only
/// queues the record; librdkafka sends it, retries it without duplicates (idempotence) and reports on its poll thread:
/// acknowledged once every in-sync replica has it (<c>acks=all</c>), else the failure. A full local queue fails the
/// message at once rather than waiting for room.
/// </summary>
public sealed class KafkaHopSender : IHopSender
{
    private static readonly TimeSpan FlushGrace = TimeSpan.FromSeconds(1);

    private readonly BrokerEndpoint _broker;
    private readonly string _topic;
    private readonly IDeliveryObserver _observer;
    private readonly TopicOptions _options;
    private readonly IProducer<Null, byte[]> _producer;
    private readonly ILogger? _logger;

    // Tokens produced and not yet reported: a report claims its token, and at dispose the unclaimed ones fail.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _unreported = new();

    /// <param name="logger">Where the client's own log lines go (<see cref="KafkaClientLog"/>); none when null.</param>
    public KafkaHopSender(BrokerEndpoint broker, string scenarioTopic, IDeliveryObserver observer, TopicOptions options, ILogger? logger = null)
    {
        _broker = broker;
        _topic = KafkaTopicName.For(scenarioTopic);
        _observer = observer;
        _options = options;
        _logger = logger;
        _producer = new ProducerBuilder<Null, byte[]>(KafkaClientConfigs.Producer(broker, options))
            .SetStatisticsHandler((_, json) => KafkaClientMetrics.Record(json))
            .SetLogHandler(KafkaClientLog.Handler(logger))
            .Build();
    }

    public string Target => $"topic {_topic} on {_broker}";

    public Task ConnectAsync(CancellationToken cancellationToken) =>
        KafkaTopicProvisioner.EnsureAsync(_broker, _topic, _options, Target, _logger, cancellationToken);

    public void Send(Envelope envelope, long token)
    {
        var record = new Message<Null, byte[]> { Value = envelope.ToByteArray(), Headers = KafkaRecordHeaders.For(envelope) };
        _unreported[token] = 0;
        try
        {
            _producer.Produce(_topic, record, report => Report(report.Status, report.Error.Code, token));
        }
        catch (KafkaException error)
        {
            Fail(token, KafkaDeliveryOutcome.OfRefused(error.Error.Code));
        }
        catch (ObjectDisposedException)
        {
            Fail(token, DeliveryFailure.NotConnected);
        }
    }

    private void Fail(long token, DeliveryFailure failure)
    {
        if (_unreported.TryRemove(token, out _))
        {
            _observer.Failed(token, failure);
        }
    }

    private void Report(PersistenceStatus status, ErrorCode error, long token)
    {
        if (!_unreported.TryRemove(token, out _))
        {
            return;
        }

        if (KafkaDeliveryOutcome.Of(status, error) is { } failure)
        {
            _observer.Failed(token, failure);
        }
        else
        {
            _observer.Acknowledged(token, UnixClock.NowNanos());
        }
    }

    /// <summary>
    /// Waits until every queued record has its report (the call timeout bounds each record's life); a record still
    /// unreported then (a broker restarting during shutdown) fails as of unknown fate, so every token is reported once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Task.Run(() => _producer.Flush(_options.CallTimeout + FlushGrace));
        foreach (var token in _unreported.Keys)
        {
            Fail(token, DeliveryFailure.ConnectionLost);
        }

        KafkaClientMetrics.Forget(_producer.Name);
        _producer.Dispose();
    }
}
