using System.Net;
using System.Net.Sockets;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

internal static class UnusedPort
{
    /// <summary>A loopback port that was free a moment ago and that nothing listens on: connections to it are refused.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
