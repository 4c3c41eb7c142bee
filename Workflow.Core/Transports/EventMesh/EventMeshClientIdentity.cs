using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>
/// Who this client tells the runtime it is, in every event. The credentials come from configuration
/// (<c>EventMesh:Username</c>, <c>EventMesh:Password</c>) and never appear in <see cref="ToString"/>.
/// </summary>
public sealed record EventMeshClientIdentity(string Env, string Idc, string Ip, int Pid, string Sys, string Username, string Password)
{
    public const string UsernameKey = "EventMesh:Username";
    public const string PasswordKey = "EventMesh:Password";

    /// <summary>
    /// What is sent when no credentials are configured: the Java SDK's defaults. The runtime refuses an empty
    /// username or passwd, and checks their values only when its ACL is on (it is off by default).
    /// </summary>
    public const string UnconfiguredUsername = "username";

    public const string UnconfiguredPassword = "passwd";

    public const string Language = "CSHARP";

    public static EventMeshClientIdentity From(IConfiguration? configuration) => new(
        Env: "meshaspire",
        Idc: "local",
        Ip: LocalAddress(),
        Pid: Environment.ProcessId,
        Sys: "meshaspire",
        Username: Configured(configuration, UsernameKey) ?? UnconfiguredUsername,
        Password: Configured(configuration, PasswordKey) ?? UnconfiguredPassword);

    public override string ToString() => $"{Sys} at {Ip}, pid {Pid}, user {Username}";

    private static string? Configured(IConfiguration? configuration, string key) =>
        configuration?[key] is { Length: > 0 } value ? value : null;

    /// <summary>The first IPv4 address of an interface that is up, other than loopback; else loopback.</summary>
    private static string LocalAddress()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork);
        return address?.ToString() ?? "127.0.0.1";
    }
}
