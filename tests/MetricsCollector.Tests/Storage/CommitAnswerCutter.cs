using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace MeshAspire.MetricsCollector.Tests.Storage;

/// <summary>
/// A loopback relay in front of a real PostgreSQL server that can lose one commit's answer. Once armed, it passes
/// the server's messages on until the first CommandComplete of a COMMIT, which it swallows, then closes both
/// connections: the server has committed, the client sees its connection die in the middle of the commit and
/// cannot know whether it landed. Clients must connect without TLS or GSS encryption, so every message the server
/// sends is a typed, length-prefixed protocol message the relay can read.
/// </summary>
public sealed class CommitAnswerCutter : IAsyncDisposable
{
    private static readonly byte[] CommitTag = Encoding.ASCII.GetBytes("COMMIT\0");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private int _armed;

    public CommitAnswerCutter(PostgresServer server)
    {
        _serverPort = server.Port;
        _listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
            SslMode = SslMode.Disable,
            GssEncryptionMode = GssEncryptionMode.Disable,
            Pooling = false,
        }.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>Connects through the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>Completes when an armed relay has swallowed a commit's answer.</summary>
    public Task Cut => _cut.Task;

    /// <summary>The next COMMIT answer any connection gets is lost.</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stopping.Token);
            var toServer = client.GetStream().CopyToAsync(server.GetStream(), _stopping.Token);
            await PassAnswersAsync(server.GetStream(), client.GetStream());
            client.Close();
            server.Close();
            await toServer;
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task PassAnswersAsync(NetworkStream server, NetworkStream client)
    {
        var header = new byte[5];
        while (true)
        {
            await server.ReadExactlyAsync(header, _stopping.Token);
            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
            await server.ReadExactlyAsync(body, _stopping.Token);
            if (header[0] == (byte)'C' && body.AsSpan().SequenceEqual(CommitTag) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _cut.TrySetResult();
                return;
            }

            await client.WriteAsync(header, _stopping.Token);
            await client.WriteAsync(body, _stopping.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
