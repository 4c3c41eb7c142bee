using System.Collections.Concurrent;
using Google.Protobuf;
using MeshAspire.Workflow.Chain.Tests.Brokers;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.RabbitMq;
using RabbitMQ.Client;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// One rabbitmq hop against a real node, with the broker's own view beside it: what a confirm, a return and its
/// absence mean for a message, and what the consumer takes from its queue.
/// </summary>
[Collection(LocalChain.Collection)]
public sealed class RabbitMqHopTests(RabbitMqServer broker) : IClassFixture<RabbitMqServer>, IAsyncLifetime
{
    private const int Timeout = 60_000;
    private const string RunId = "run-now";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _topic = $"hop-test-{Guid.NewGuid():N}";
    private IConnection? _admin;
    private IChannel? _channel;

    public async Task InitializeAsync()
    {
        _admin = await new ConnectionFactory { Uri = broker.Uri }.CreateConnectionAsync();
        _channel = await _admin.CreateChannelAsync();
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        await _admin!.DisposeAsync();
    }

    [Fact(Timeout = Timeout)]
    public async Task A_confirmed_message_is_in_the_queue_when_it_is_acknowledged()
    {
        var outcomes = new Outcomes();
        await using var sender = new RabbitMqHopSender(Broker, _topic, outcomes, Options(confirms: true));
        await sender.ConnectAsync(CancellationToken.None);

        sender.Send(Message(3), token: 30);
        await outcomes.WaitForAsync(1);

        Assert.Equal([(30L, "acknowledged")], outcomes.All);
        var queued = await Admin.BasicGetAsync(_topic, autoAck: true);
        Assert.NotNull(queued);
        Assert.Equal(3, Envelope.Parser.ParseFrom(queued.Body.Span).Sequence);
        Assert.Equal(DeliveryModes.Persistent, queued.BasicProperties.DeliveryMode);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_message_the_broker_returns_is_published_again_until_its_call_timeout()
    {
        var outcomes = new Outcomes();
        await using var sender = new RabbitMqHopSender(Broker, _topic, outcomes, Options(confirms: true));
        await sender.ConnectAsync(CancellationToken.None);
        await Admin.QueueDeleteAsync(_topic);

        sender.Send(Message(1), token: 10);
        await outcomes.WaitForAsync(1);
        await DeclareAsync();
        sender.Send(Message(2), token: 20);
        await outcomes.WaitForAsync(2);

        Assert.Equal([(10L, nameof(DeliveryFailure.TimedOut)), (20L, "acknowledged")], outcomes.All);
        Assert.Equal(1u, await Admin.MessageCountAsync(_topic));
    }

    [Fact(Timeout = Timeout)]
    public async Task Without_confirms_a_message_the_broker_drops_still_counts_as_delivered()
    {
        var outcomes = new Outcomes();
        await using var sender = new RabbitMqHopSender(Broker, _topic, outcomes, Options(confirms: false));
        await sender.ConnectAsync(CancellationToken.None);
        await Admin.QueueDeleteAsync(_topic);

        sender.Send(Message(1), token: 10);
        await outcomes.WaitForAsync(1);

        Assert.Equal([(10L, "acknowledged")], outcomes.All);
        await DeclareAsync();
        Assert.Equal(0u, await Admin.MessageCountAsync(_topic));
    }

    [Fact(Timeout = Timeout)]
    public async Task The_receiver_purges_leftovers_passes_on_this_runs_envelopes_only_and_acknowledges_all()
    {
        await DeclareAsync();
        await PublishAsync(Message(0, "run-before"));
        await PublishAsync(Message(1));
        var inbound = new InboundQueue();
        var intake = new TopicIntake(inbound, RunId);
        var receiver = new RabbitMqHopReceiver(Broker, _topic, intake, Options(confirms: true));
        await using (receiver)
        {
            await receiver.StartAsync(CancellationToken.None);
            await PublishAsync(Message(2, "run-other"));
            await PublishAsync(new byte[] { 0xFF, 0xFF, 0xFF });
            await PublishAsync(Message(3));
            await PublishAsync(Message(4));

            Assert.Equal(3, (await ReadAsync(inbound)).Envelope.Sequence);
            Assert.Equal(4, (await ReadAsync(inbound)).Envelope.Sequence);
            Assert.Equal(1, intake.Foreign);
            Assert.Equal(1, intake.Malformed);
        }

        // Acks go out one by one before the next delivery is handled: only the last one may not have reached the broker.
        var left = await Admin.BasicGetAsync(_topic, autoAck: true);
        Assert.True(left is null || Envelope.Parser.ParseFrom(left.Body.Span).Sequence == 4);
        Assert.Equal(0u, await Admin.MessageCountAsync(_topic));
        Assert.False(inbound.Reader.TryRead(out _));
    }

    [Fact(Timeout = Timeout)]
    public async Task The_node_serves_its_prometheus_metrics_on_its_own_port()
    {
        using var http = new HttpClient();

        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{broker.PrometheusPort}/metrics"));

        Assert.Contains("rabbitmq_connections ", metrics, StringComparison.Ordinal);
    }

    private IChannel Admin => _channel ?? throw new InvalidOperationException("no admin channel");

    private BrokerEndpoint Broker => new("rabbitmq", broker.ConnectionString);

    private static TopicOptions Options(bool confirms) =>
        new("hop-test", RunId, ConnectTimeout: Patience, CallTimeout: TimeSpan.FromSeconds(1), PublisherConfirms: confirms);

    private static Envelope Message(long sequence, string runId = RunId) => new() { RunId = runId, Sequence = sequence, Repetition = 1 };

    private Task DeclareAsync() => Admin.QueueDeclareAsync(_topic, durable: true, exclusive: false, autoDelete: false);

    private ValueTask PublishAsync(Envelope envelope) => PublishAsync(envelope.ToByteArray());

    private ValueTask PublishAsync(byte[] body) =>
        Admin.BasicPublishAsync(string.Empty, _topic, mandatory: true, new BasicProperties { DeliveryMode = DeliveryModes.Persistent }, body);

    private static async Task<InboundMessage> ReadAsync(InboundQueue inbound)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await inbound.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Every outcome the sender reported, in order, and a way to wait for the next ones.</summary>
    private sealed class Outcomes : IDeliveryObserver
    {
        private readonly ConcurrentQueue<(long Token, string Outcome)> _all = new();
        private readonly SemaphoreSlim _reported = new(0);

        public IReadOnlyList<(long Token, string Outcome)> All => [.. _all];

        public void Acknowledged(long token, long acknowledgedNanos) => Report(token, "acknowledged");

        public void Failed(long token, DeliveryFailure failure) => Report(token, failure.ToString());

        public async Task WaitForAsync(int count)
        {
            while (_all.Count < count)
            {
                Assert.True(await _reported.WaitAsync(Patience), $"{count} outcomes expected, {_all.Count} reported");
            }
        }

        private void Report(long token, string outcome)
        {
            _all.Enqueue((token, outcome));
            _reported.Release();
        }
    }
}
