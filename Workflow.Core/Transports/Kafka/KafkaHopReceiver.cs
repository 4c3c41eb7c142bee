using Confluent.Kafka;
using MeshAspire.Workflow.Timing;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// Consumes the hop's topic in the component's consumer group (<see cref="KafkaConsumerGroup"/>) on a thread of its
/// own: every record is stamped on arrival, offered to the intake, then its offset is stored for the background
/// commit. Ready once the group has assigned the topic's partitions and their start offsets are fixed
/// (<see cref="KafkaStartOffsets"/>).
/// </summary>
public sealed class KafkaHopReceiver : IHopReceiver
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);

    private readonly BrokerEndpoint _broker;
    private readonly string _topic;
    private readonly TopicIntake _intake;
    private readonly TopicOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger? _logger;
    private Thread? _thread;
    private volatile Exception? _lastError;

    /// <param name="logger">Where the client's own log lines go (<see cref="KafkaClientLog"/>); none when null.</param>
    public KafkaHopReceiver(BrokerEndpoint broker, string scenarioTopic, TopicIntake intake, TopicOptions options, ILogger? logger = null)
    {
        _broker = broker;
        _topic = KafkaTopicName.For(scenarioTopic);
        _intake = intake;
        _options = options;
        _logger = logger;
    }

    public string Source => $"topic {_topic} on {_broker} (group {KafkaConsumerGroup.For(_options.Component, _options.RunId)})";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + _options.ConnectTimeout;
        await KafkaTopicProvisioner.EnsureAsync(_broker, _topic, _options, Source, _logger, cancellationToken);

        var consumer = new ConsumerBuilder<Ignore, byte[]>(KafkaClientConfigs.Consumer(_broker, _options))
            .SetErrorHandler((_, error) => _lastError = new KafkaException(error))
            .SetPartitionsAssignedHandler(OnAssigned(new KafkaStartOffsets(QueryTimeout)))
            .SetStatisticsHandler((_, json) => KafkaClientMetrics.Record(json))
            .SetLogHandler(KafkaClientLog.Handler(_logger))
            .Build();
        _thread = new Thread(() => Consume(consumer)) { IsBackground = true, Name = $"kafka {_topic}" };
        _thread.Start();

        var remaining = giveUpAt - DateTime.UtcNow;
        try
        {
            await _assigned.Task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
        }
        catch (TimeoutException)
        {
            await StopAsync();
            throw new HopUnreachableException(Source, _options.ConnectTimeout, _lastError);
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            throw;
        }
    }

    private Func<IConsumer<Ignore, byte[]>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>> OnAssigned(KafkaStartOffsets starts) =>
        (consumer, partitions) =>
        {
            var offsets = starts.OnAssigned(consumer, partitions);
            if (offsets.Any(o => o.Topic == _topic))
            {
                // librdkafka assigns these offsets as soon as the handler returns, on this thread, before its next fetch.
                _assigned.TrySetResult();
            }

            return offsets;
        };

    private void Consume(IConsumer<Ignore, byte[]> consumer)
    {
        var stopping = _stopping.Token;
        try
        {
            consumer.Subscribe(_topic);
            while (!stopping.IsCancellationRequested)
            {
                ConsumeResult<Ignore, byte[]> result;
                try
                {
                    result = consumer.Consume(stopping);
                }
                catch (ConsumeException error) when (!error.Error.IsFatal)
                {
                    _lastError = error;
                    continue;
                }

                var received = UnixClock.NowNanos();
                _intake.Offer(result.Message.Value, received);
                Store(consumer, result);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (KafkaException error)
        {
            _lastError = error;
        }
        catch (Exception error)
        {
            // Not a Kafka fault (the intake's sink failed): end the loop cleanly rather than crash the process.
            _lastError = error;
        }
        finally
        {
            Close(consumer);
            _stopped.TrySetResult();
        }
    }

    private void Store(IConsumer<Ignore, byte[]> consumer, ConsumeResult<Ignore, byte[]> result)
    {
        try
        {
            consumer.StoreOffset(result);
        }
        catch (KafkaException error)
        {
            // The partition was revoked meanwhile: its next owner reads the record again, and a duplicate is counted.
            _lastError = error;
        }
    }

    /// <summary>Commits the stored offsets and leaves the group, so that the group does not wait for this member's session to time out.</summary>
    private static void Close(IConsumer<Ignore, byte[]> consumer)
    {
        var name = consumer.Name;
        try
        {
            consumer.Close();
        }
        catch (KafkaException)
        {
        }
        finally
        {
            KafkaClientMetrics.Forget(name);
            consumer.Dispose();
        }
    }

    private async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_thread is not null)
        {
            // Closing a consumer can hang while its broker is away; the component's shutdown must not.
            await _stopped.Task.WaitAsync(CloseGrace).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
