using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeshAspire.Workflow.Chain.Tests.Brokers;

/// <summary>The Erlang port mapper every node on the machine registers with (shared: never stopped by the tests).</summary>
internal static class Epmd
{
    public const int Port = 4369;

    private const byte NamesRequest = 110;

    /// <summary>Whether a node named <paramref name="shortName"/> (the part before '@') is registered; false when epmd is not running.</summary>
    public static async Task<bool> IsRegisteredAsync(string shortName, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
        }
        catch (SocketException)
        {
            return false;
        }

        var stream = client.GetStream();
        await stream.WriteAsync(new byte[] { 0, 1, NamesRequest }, cancellationToken);
        var epmdPort = new byte[4];
        await stream.ReadExactlyAsync(epmdPort, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var names = await reader.ReadToEndAsync(cancellationToken);
        return names.Split('\n').Any(line => line.StartsWith($"name {shortName} at port ", StringComparison.Ordinal));
    }
}
