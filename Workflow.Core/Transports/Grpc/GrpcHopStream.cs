using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>
/// One <c>Stream</c> call of a <see cref="GrpcStreamHopSender"/>: the messages waiting to be written, the messages
/// awaiting their ack, a writer that writes them in order and a reader that matches acks to them first in, first out.
/// </summary>
internal sealed class GrpcHopStream : IAsyncDisposable
{
    private readonly Channel<(Envelope Envelope, long Token)> _outgoing =
        Channel.CreateUnbounded<(Envelope, long)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly ConcurrentQueue<long> _awaitingAck = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly AsyncDuplexStreamingCall<Envelope, Ack> _call;
    private readonly IDeliveryObserver _observer;
    private readonly Action<GrpcHopStream> _onLost;
    private readonly Task _reader;
    private readonly Task _writer;
    private int _closed;

    private GrpcHopStream(Hop.HopClient client, IDeliveryObserver observer, Action<GrpcHopStream> onLost)
    {
        _observer = observer;
        _onLost = onLost;
        _call = client.Stream(cancellationToken: _closing.Token);
        _reader = Task.Run(ReadAcksAsync);
        _writer = Task.Run(WriteEnvelopesAsync);
    }

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    public static GrpcHopStream Open(Hop.HopClient client, IDeliveryObserver observer, Action<GrpcHopStream> onLost) =>
        new(client, observer, onLost);

    /// <summary>Queues the message behind those before it; false when the stream is closed and it was not taken.</summary>
    public bool TryWrite(Envelope envelope, long token) => !IsClosed && _outgoing.Writer.TryWrite((envelope, token));

    private async Task WriteEnvelopesAsync()
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                while (_outgoing.Reader.TryRead(out var next))
                {
                    _awaitingAck.Enqueue(next.Token);
                    await _call.RequestStream.WriteAsync(next.Envelope, _closing.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is RpcException or OperationCanceledException or InvalidOperationException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            Close();
            while (_outgoing.Reader.TryRead(out var unwritten))
            {
                _observer.Failed(unwritten.Token, DeliveryFailure.ConnectionLost);
            }

            await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            FailAwaitingAck();
        }
    }

    private async Task ReadAcksAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_closing.Token).ConfigureAwait(false))
            {
                var acknowledged = UnixClock.NowNanos();
                if (_awaitingAck.TryDequeue(out var token))
                {
                    _observer.Acknowledged(token, acknowledged);
                }
            }
        }
        catch (Exception error) when (error is RpcException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            Close();
            FailAwaitingAck();
            _onLost(this);
        }
    }

    private void FailAwaitingAck()
    {
        while (_awaitingAck.TryDequeue(out var token))
        {
            _observer.Failed(token, DeliveryFailure.ConnectionLost);
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _outgoing.Writer.TryComplete();
            _closing.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await _writer.ConfigureAwait(false);
        _call.Dispose();
        _closing.Dispose();
    }
}
