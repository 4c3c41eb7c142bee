using System.Buffers;
using MeshAspire.Workflow.Timing;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Transports.Tcp;

/// <summary>
/// The receiving side of the tcp transport, a Kestrel connection handler: reads newline-delimited envelopes
/// and echoes each line back on the same connection, as the thesis's TCP server did.
/// The connection ends when the peer closes it or when this component stops.
/// </summary>
public sealed partial class TcpHopConnectionHandler(
    IEnvelopeSink sink,
    IHostApplicationLifetime lifetime,
    ILogger<TcpHopConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, lifetime.ApplicationStopping);
        LogConnected(connection.RemoteEndPoint?.ToString());
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(ending.Token);
                var buffer = result.Buffer;
                var echoed = false;
                while (TryReadLine(ref buffer, out var line))
                {
                    var received = UnixClock.NowNanos();
                    sink.Accept(EnvelopeLineCodec.Decode(line), received);
                    foreach (var segment in line)
                    {
                        output.Write(segment.Span);
                    }

                    output.Write([EnvelopeLineCodec.Newline]);
                    echoed = true;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (echoed)
                {
                    await output.FlushAsync(ending.Token);
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ConnectionResetException or IOException)
        {
            LogDropped(connection.RemoteEndPoint?.ToString(), error.Message);
        }
        catch (InvalidDataException error)
        {
            LogMalformed(connection.RemoteEndPoint?.ToString(), error.Message);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf(EnvelopeLineCodec.Newline);
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "tcp hop: connection from {Remote}")]
    private partial void LogConnected(string? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tcp hop: connection from {Remote} dropped: {Reason}")]
    private partial void LogDropped(string? remote, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "tcp hop: malformed line from {Remote}, connection closed: {Reason}")]
    private partial void LogMalformed(string? remote, string reason);
}
