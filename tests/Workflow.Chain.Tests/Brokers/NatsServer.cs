using System.Diagnostics;
using System.Net.Sockets;

namespace MeshAspire.Workflow.Chain.Tests.Brokers;

/// <summary>
/// A private real nats-server (the Debian package) on loopback free ports, with JetStream storing under a temp
/// folder, which a test can stop and start again on the same port and store, as a broker restart looks.
/// </summary>
public sealed class NatsServer : IAsyncLifetime
{
    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(30);

    private readonly string _store = Directory.CreateTempSubdirectory("meshaspire-nats-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public int MonitoringPort { get; } = FreePort.Next();

    public string ConnectionString => $"nats://127.0.0.1:{Port}";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("nats-server")
        {
            ArgumentList = { "-a", "127.0.0.1", "-p", $"{Port}", "-m", $"{MonitoringPort}", "-js", "-sd", _store },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
    }

    /// <summary>Kills the server the way a crash does: no goodbye to its clients.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private async Task WaitUntilListeningAsync()
    {
        using var timeout = new CancellationTokenSource(StartupGrace);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited with {_process.ExitCode} before listening on {Port}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_store, recursive: true);
    }
}
