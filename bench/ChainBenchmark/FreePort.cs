using System.Net;
using System.Net.Sockets;

namespace MeshAspire.Bench;

internal static class FreePort
{
    /// <summary>A loopback port free at the time of asking, so a component's address is known before it starts.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><paramref name="count"/> different free ports.</summary>
    public static int[] Distinct(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(Next());
        }

        return [.. ports];
    }
}
