using Grpc.Net.Client;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>
/// The grpc-stream transport: one bidirectional <c>Stream</c> call per hop carries every message in order, and the
/// next hop acks each in the same order. Sending only queues the message (open loop). As with tcp, a broken stream
/// fails the messages awaiting their ack as <see cref="DeliveryFailure.ConnectionLost"/> and is reopened in the
/// background once the hop answers its probe again, while the messages due meanwhile fail as
/// <see cref="DeliveryFailure.NotConnected"/>; so does a first connection that timed out. Nothing is retried.
/// </summary>
public sealed class GrpcStreamHopSender : IHopSender
{
    private readonly HopAddress _address;
    private readonly IDeliveryObserver _observer;
    private readonly HopSenderOptions _options;
    private readonly GrpcChannel _channel;
    private readonly Hop.HopClient _client;
    private readonly CancellationTokenSource _disposed = new();
    private volatile GrpcHopStream? _stream;
    private int _reconnecting;

    public GrpcStreamHopSender(HopAddress address, IDeliveryObserver observer, HopSenderOptions options)
    {
        _address = address;
        _observer = observer;
        _options = options;
        _channel = GrpcHopChannels.For(address);
        _client = new Hop.HopClient(_channel);
    }

    public string Target => _address.ToString();

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        try
        {
            await GrpcHopProbe.WaitForAnswerAsync(_client, Target, _options.ConnectTimeout, linked.Token);
        }
        catch (HopUnreachableException)
        {
            StartReconnecting();
            throw;
        }

        _stream = GrpcHopStream.Open(_client, _observer, OnStreamLost);
    }

    public void Send(Envelope envelope, long token)
    {
        var stream = _stream;
        if (stream is null || !stream.TryWrite(envelope, token))
        {
            _observer.Failed(token, DeliveryFailure.NotConnected);
        }
    }

    private void OnStreamLost(GrpcHopStream lost) => StartReconnecting();

    private void StartReconnecting()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _reconnecting, 1) == 1)
        {
            return;
        }

        _ = ReconnectAsync();
    }

    private async Task ReconnectAsync()
    {
        var backoff = new ConnectBackoff();
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                await Task.Delay(backoff.Next(), _disposed.Token);
                if (await GrpcHopProbe.ProbeOnceAsync(_client, _disposed.Token) is null)
                {
                    var previous = _stream;
                    _stream = GrpcHopStream.Open(_client, _observer, OnStreamLost);
                    if (previous is not null)
                    {
                        await previous.DisposeAsync();
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _reconnecting, 0);
            if (_stream is { IsClosed: true })
            {
                StartReconnecting();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        var stream = _stream;
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        _channel.Dispose();
        _disposed.Dispose();
    }
}
