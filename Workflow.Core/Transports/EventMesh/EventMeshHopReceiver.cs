using Grpc.Core;
using Grpc.Net.Client;
using MeshAspire.Workflow.Timing;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>
/// Consumes a topic from the EventMesh runtime over one <c>subscribeStream</c> call: the first request is the
/// subscription (this component's group, CLUSTERING, ASYNC); the runtime answers with a status, then pushes every
/// event, whose binary data is the envelope. ASYNC events want no reply. A heartbeat goes out every 30 s; when
/// its reply is CLIENT_RESUBSCRIBE the subscription is sent again on the same stream. When the stream dies the
/// receiver subscribes again with backoff; whatever the runtime pushed meanwhile is lost, and the run counts it
/// as lost: nothing is replayed to hide it (<see cref="StreamsLost"/> says how often it happened).
/// </summary>
public sealed partial class EventMeshHopReceiver : IHopReceiver
{
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(30);

    private readonly string _topic;
    private readonly TopicIntake _intake;
    private readonly TopicOptions _options;
    private readonly TimeSpan _heartbeatInterval;
    private readonly ILogger _logger;
    private readonly EventMeshEvents _events;
    private readonly GrpcChannel _channel;
    private readonly ConsumerService.ConsumerServiceClient _consumer;
    private readonly HeartbeatService.HeartbeatServiceClient _heartbeat;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private AsyncDuplexStreamingCall<CloudEvent, CloudEvent>? _stream;
    private Task _consuming = Task.CompletedTask;
    private Task _heartbeating = Task.CompletedTask;
    private long _subscriptionsSent;
    private long _streamsLost;

    public EventMeshHopReceiver(
        BrokerEndpoint broker,
        string topic,
        TopicIntake intake,
        TopicOptions options,
        EventMeshClientIdentity identity,
        TimeSpan? heartbeatInterval = null,
        ILogger? logger = null)
    {
        _topic = topic;
        _intake = intake;
        _options = options;
        _heartbeatInterval = heartbeatInterval ?? DefaultHeartbeatInterval;
        _logger = logger ?? NullLogger.Instance;
        _events = new EventMeshEvents(identity, options.Component);
        _channel = EventMeshChannel.Open(broker);
        _consumer = new ConsumerService.ConsumerServiceClient(_channel);
        _heartbeat = new HeartbeatService.HeartbeatServiceClient(_channel);
        Source = $"{topic} on {broker}";
    }

    public string Source { get; }

    /// <summary>Subscriptions written to a stream: the first, those after a lost stream, those the runtime asked for.</summary>
    public long SubscriptionsSent => Interlocked.Read(ref _subscriptionsSent);

    /// <summary>Consumer streams that died (or that the runtime ended) while this receiver was running.</summary>
    public long StreamsLost => Interlocked.Read(ref _streamsLost);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var (stream, lastError) = await SubscribeWithBackoffAsync(DateTime.UtcNow + _options.ConnectTimeout, linked.Token);
        if (stream is null)
        {
            throw new HopUnreachableException(Source, _options.ConnectTimeout, lastError);
        }

        _consuming = Task.Run(() => ConsumeAsync(stream));
        _heartbeating = Task.Run(HeartbeatAsync);
    }

    private async Task<(AsyncDuplexStreamingCall<CloudEvent, CloudEvent>? Stream, Exception? LastError)> SubscribeWithBackoffAsync(
        DateTime giveUpAt, CancellationToken cancellationToken)
    {
        var backoff = new ConnectBackoff();
        Exception? lastError = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            try
            {
                var stream = await SubscribeAsync(cancellationToken);
                Volatile.Write(ref _stream, stream);
                return (stream, null);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested
                                          && error is RpcException or EventMeshRejectedException or TimeoutException or IOException)
            {
                lastError = error;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            await Task.Delay(backoff.Next(), cancellationToken);
        }

        return (null, lastError);
    }

    /// <summary>Opens a stream, sends the subscription and waits for the runtime's answer.</summary>
    private async Task<AsyncDuplexStreamingCall<CloudEvent, CloudEvent>> SubscribeAsync(CancellationToken cancellationToken)
    {
        var stream = _consumer.subscribeStream(cancellationToken: _stopping.Token);
        try
        {
            await WriteSubscriptionAsync(stream, cancellationToken);
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            answer.CancelAfter(EventMeshChannel.AttemptDeadline);
            while (true)
            {
                bool moved;
                try
                {
                    moved = await stream.ResponseStream.MoveNext(answer.Token);
                }
                catch (Exception error) when (error is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
                                              && answer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"the runtime did not answer the subscription within {EventMeshChannel.AttemptDeadline.TotalSeconds:0} s");
                }

                if (!moved)
                {
                    throw new IOException("the runtime ended the stream without answering the subscription");
                }

                var received = UnixClock.NowNanos();
                var cloudEvent = stream.ResponseStream.Current;
                if (EventMeshReply.Of(cloudEvent) is not { } reply)
                {
                    _intake.Offer(cloudEvent.BinaryData.Memory, received);
                    continue;
                }

                return reply.IsSuccess ? stream : throw new EventMeshRejectedException("subscription", reply);
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private async Task WriteSubscriptionAsync(AsyncDuplexStreamingCall<CloudEvent, CloudEvent> stream, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await stream.RequestStream.WriteAsync(_events.Subscription(_topic), cancellationToken);
            Interlocked.Increment(ref _subscriptionsSent);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task ConsumeAsync(AsyncDuplexStreamingCall<CloudEvent, CloudEvent> stream)
    {
        var stopping = _stopping.Token;
        while (true)
        {
            string reason;
            try
            {
                while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                {
                    var received = UnixClock.NowNanos();
                    var cloudEvent = stream.ResponseStream.Current;
                    if (EventMeshReply.Of(cloudEvent) is { } reply)
                    {
                        OnReply(reply);
                        continue;
                    }

                    _intake.Offer(cloudEvent.BinaryData.Memory, received);
                }

                reason = "the runtime ended the stream";
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                reason = error.Message;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _streamsLost);
            LogStreamLost(Source, reason);
            stream.Dispose();
            AsyncDuplexStreamingCall<CloudEvent, CloudEvent>? next;
            try
            {
                (next, _) = await SubscribeWithBackoffAsync(DateTime.MaxValue, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (next is null)
            {
                return;
            }

            stream = next;

            LogSubscribedAgain(Source);
        }
    }

    private void OnReply(EventMeshReply reply)
    {
        if (!reply.IsSuccess)
        {
            LogRefused(Source, reply.ToString());
        }
    }

    private async Task HeartbeatAsync()
    {
        var stopping = _stopping.Token;
        using var timer = new PeriodicTimer(_heartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    var answer = await _heartbeat.heartbeatAsync(
                        _events.Heartbeat(_topic), deadline: DateTime.UtcNow + _options.CallTimeout, cancellationToken: stopping);
                    var reply = EventMeshReply.Of(answer);
                    if (reply is { AsksToResubscribe: true })
                    {
                        LogResubscribing(Source);
                        await WriteSubscriptionAsync(Volatile.Read(ref _stream)!, stopping);
                    }
                    else if (reply is not { IsSuccess: true })
                    {
                        LogRefused(Source, reply?.ToString() ?? "a heartbeat reply without a status");
                    }
                }
                catch (Exception error) when (!stopping.IsCancellationRequested
                                              && error is RpcException or InvalidOperationException or ObjectDisposedException)
                {
                    LogHeartbeatFailed(Source, error.Message);
                }
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _stream) is not null)
        {
            try
            {
                await _consumer.unsubscribeAsync(_events.Subscription(_topic), deadline: DateTime.UtcNow + EventMeshChannel.AttemptDeadline);
            }
            catch (RpcException)
            {
                // Gone already, or going: the runtime forgets a silent client after its heartbeat timeout anyway.
            }
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_consuming, _heartbeating);
        Volatile.Read(ref _stream)?.Dispose();
        _channel.Dispose();
        _stopping.Dispose();
        _writing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "the consumer stream of {Source} was lost ({Reason}); what the runtime pushed until it is subscribed again is lost")]
    private partial void LogStreamLost(string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "subscribed again to {Source}")]
    private partial void LogSubscribedAgain(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "the runtime lost the subscription to {Source}: subscribing again")]
    private partial void LogResubscribing(string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the runtime refused a request for {Source}: {Reply}")]
    private partial void LogRefused(string source, string reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a heartbeat for {Source} failed: {Reason}")]
    private partial void LogHeartbeatFailed(string source, string reason);
}
