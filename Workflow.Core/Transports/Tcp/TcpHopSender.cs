using System.Net.Sockets;

namespace MeshAspire.Workflow.Transports.Tcp;

/// <summary>
/// The thesis's TCP protocol: one persistent connection, one line per message, the next hop echoes each
/// line back in order. Lines are written without waiting for echoes (open loop); echoes are matched to
/// messages first in, first out. A broken connection is re-established in the background while the
/// messages due meanwhile fail as <see cref="DeliveryFailure.NotConnected"/>; so is a first connection that
/// timed out, so that a hop that comes up late is still reached.
/// </summary>
public sealed class TcpHopSender : IHopSender
{
    private readonly HopAddress _address;
    private readonly IDeliveryObserver _observer;
    private readonly HopSenderOptions _options;
    private readonly CancellationTokenSource _disposed = new();
    private byte[] _lineBuffer = new byte[1024];
    private volatile TcpHopConnection? _connection;
    private int _reconnecting;

    public TcpHopSender(HopAddress address, IDeliveryObserver observer, HopSenderOptions options)
    {
        if (address.Uri.Scheme != "tcp")
        {
            throw new ArgumentException($"the tcp transport needs a tcp:// address, not {address.Uri}", nameof(address));
        }

        _address = address;
        _observer = observer;
        _options = options;
    }

    public string Target => _address.ToString();

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var giveUpAt = DateTime.UtcNow + _options.ConnectTimeout;
        var backoff = new ConnectBackoff();
        Exception? lastError = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            try
            {
                _connection = await TcpHopConnection.OpenAsync(_address.Uri, _observer, OnConnectionLost, linked.Token);
                return;
            }
            catch (SocketException error)
            {
                lastError = error;
            }

            await Task.Delay(backoff.Next(), linked.Token);
        }

        StartReconnecting();
        throw new HopUnreachableException(Target, _options.ConnectTimeout, lastError);
    }

    public void Send(Envelope envelope, long token)
    {
        var connection = _connection;
        if (connection is null || connection.IsClosed)
        {
            _observer.Failed(token, DeliveryFailure.NotConnected);
            return;
        }

        var needed = EnvelopeLineCodec.MaxEncodedLength(envelope.CalculateSize());
        if (_lineBuffer.Length < needed)
        {
            _lineBuffer = new byte[Math.Max(needed, _lineBuffer.Length * 2)];
        }

        var length = EnvelopeLineCodec.Encode(envelope, _lineBuffer);
        connection.Write(_lineBuffer.AsSpan(0, length), token);
    }

    private void OnConnectionLost(TcpHopConnection lost) => StartReconnecting();

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
                try
                {
                    _connection = await TcpHopConnection.OpenAsync(_address.Uri, _observer, OnConnectionLost, _disposed.Token);
                    return;
                }
                catch (SocketException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _reconnecting, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        var connection = _connection;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        _disposed.Dispose();
    }
}
