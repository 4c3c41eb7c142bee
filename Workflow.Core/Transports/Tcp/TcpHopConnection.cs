using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Transports.Tcp;

/// <summary>One connection of a <see cref="TcpHopSender"/>: the socket, the messages awaiting their echo, and the echo reader.</summary>
internal sealed class TcpHopConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly IDeliveryObserver _observer;
    private readonly Action<TcpHopConnection> _onLost;
    private readonly ConcurrentQueue<long> _awaitingEcho = new();
    private readonly Task _echoReader;
    private int _closed;

    private TcpHopConnection(Socket socket, IDeliveryObserver observer, Action<TcpHopConnection> onLost)
    {
        _socket = socket;
        _observer = observer;
        _onLost = onLost;
        _echoReader = Task.Run(ReadEchoesAsync);
    }

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    public static async Task<TcpHopConnection> OpenAsync(Uri address, IDeliveryObserver observer, Action<TcpHopConnection> onLost, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address.Host, address.Port, cancellationToken);
            return new TcpHopConnection(socket, observer, onLost);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Writes one encoded line; its echo, or the loss of the connection, is reported for <paramref name="token"/>.</summary>
    public void Write(ReadOnlySpan<byte> line, long token)
    {
        _awaitingEcho.Enqueue(token);
        try
        {
            while (!line.IsEmpty)
            {
                line = line[_socket.Send(line)..];
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            Close();
        }

        if (IsClosed)
        {
            FailAwaitingEcho();
        }
    }

    private async Task ReadEchoesAsync()
    {
        var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                var newline = buffer.PositionOf(EnvelopeLineCodec.Newline);
                while (newline is not null)
                {
                    var echoed = UnixClock.NowNanos();
                    if (_awaitingEcho.TryDequeue(out var token))
                    {
                        _observer.Acknowledged(token, echoed);
                    }

                    buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                    newline = buffer.PositionOf(EnvelopeLineCodec.Newline);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            await reader.CompleteAsync();
            Close();
            FailAwaitingEcho();
            _onLost(this);
        }
    }

    private void FailAwaitingEcho()
    {
        while (_awaitingEcho.TryDequeue(out var token))
        {
            _observer.Failed(token, DeliveryFailure.ConnectionLost);
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }

            _socket.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await _echoReader.ConfigureAwait(false);
    }
}
