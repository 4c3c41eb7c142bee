using System.Net;
using System.Net.Sockets;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// A loopback port free at the time of asking, so a component's or a broker's address is known before it starts.
/// Ports come from below Linux's ephemeral range (32768–60999 by default): a port the kernel handed out (port 0) is in
/// that range, where every outgoing connection of every client in the tests also takes its local port, so it could be
/// taken again between asking and binding. Below it only listeners compete, and this process never hands one out twice.
/// </summary>
internal static class FreePort
{
    private const int First = 20_000;
    private const int End = 32_000;

    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < End - First; attempt++)
            {
                var port = Random.Shared.Next(First, End);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {End}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
