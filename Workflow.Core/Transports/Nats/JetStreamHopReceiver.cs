using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>
/// JetStream: a durable pull consumer of the topic's stream, each message acknowledged once the component has it.
/// The stream is purged at subscribe (the publisher starts only after this component is ready), so no message of an
/// earlier run is delivered. What was delivered but not acknowledged comes again after the ack wait.
/// </summary>
public sealed class JetStreamHopReceiver(BrokerEndpoint broker, string topic, TopicIntake intake, TopicOptions options) : IHopReceiver
{
    private readonly CancellationTokenSource _stopping = new();
    private NatsConnection? _connection;
    private Task? _loop;

    public string Source => $"stream of topic '{topic}' on {broker}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connection = await NatsConnections.ConnectAsync(broker, options, Source, cancellationToken);
        var context = new NatsJSContext(_connection);
        await JetStreamTopology.DeclareStreamAsync(context, topic, cancellationToken);
        var stream = JetStreamTopology.StreamNameFor(topic);
        await context.PurgeStreamAsync(stream, new StreamPurgeRequest(), cancellationToken);
        var consumer = await context.CreateOrUpdateConsumerAsync(stream, JetStreamTopology.ConsumerFor(options.Component), cancellationToken);
        _loop = Task.Run(() => ConsumeLoopAsync(context, consumer), CancellationToken.None);
    }

    /// <summary>
    /// Consumes until stopped. If consuming ends or fails (the consumer or its stream went away, as when a broker
    /// restarts without its store), the stream and the consumer are declared again, with backoff, and consuming
    /// goes on: a receiver never dies silently while its component still reports itself subscribed.
    /// </summary>
    private async Task ConsumeLoopAsync(NatsJSContext context, INatsJSConsumer consumer)
    {
        var consume = new NatsJSConsumeOpts { MaxMsgs = 1_000, IdleHeartbeat = TimeSpan.FromSeconds(1), Expires = TimeSpan.FromSeconds(5) };
        var backoff = new ConnectBackoff();
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in consumer.ConsumeAsync(EnvelopeNatsSerializer.Instance, consume, _stopping.Token))
                {
                    Offer(message.Data);
                    await message.AckAsync(cancellationToken: _stopping.Token);
                    backoff.Reset();
                }

                await Task.Delay(backoff.Next(), _stopping.Token);
                consumer = await Redeclare(context);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                await RetryLaterAsync(backoff.Next());
            }
        }

        async Task RetryLaterAsync(TimeSpan wait)
        {
            try
            {
                await Task.Delay(wait, _stopping.Token);
                consumer = await Redeclare(context);
            }
            catch (Exception)
            {
                // Stopping, or the broker is still away: the loop tries again.
            }
        }
    }

    private async Task<INatsJSConsumer> Redeclare(NatsJSContext context)
    {
        await JetStreamTopology.DeclareStreamAsync(context, topic, _stopping.Token);
        return await context.CreateOrUpdateConsumerAsync(JetStreamTopology.StreamNameFor(topic), JetStreamTopology.ConsumerFor(options.Component), _stopping.Token);
    }

    private void Offer(ArrivedEnvelope arrived)
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
