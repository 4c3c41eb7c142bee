using System.Net;
using System.Net.Sockets;

namespace MeshAspire.Bench;

/// <summary>
/// A loopback port free at the time of asking, from below the kernel's ephemeral range (as the tests take theirs).
/// Compiled into each benchmark that listens on loopback (linked, not a project).
/// </summary>
internal static class FreeLoopbackPort
{
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
