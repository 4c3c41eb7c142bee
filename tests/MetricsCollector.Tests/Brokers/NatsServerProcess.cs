using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

/// <summary>A real <c>nats-server</c> from PATH on free loopback ports, with JetStream in a temporary folder; killed on dispose.</summary>
internal sealed class NatsServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _storeDirectory;
    private readonly StringBuilder _output;

    private NatsServerProcess(Process process, string storeDirectory, StringBuilder output, int clientPort, int monitoringPort)
    {
        _process = process;
        _storeDirectory = storeDirectory;
        _output = output;
        ClientUrl = $"nats://127.0.0.1:{clientPort}";
        MonitoringAddress = new Uri($"http://127.0.0.1:{monitoringPort}/");
    }

    public string ClientUrl { get; }

    public Uri MonitoringAddress { get; }

    public static async Task<NatsServerProcess> StartAsync()
    {
        var clientPort = Workflow.Chain.Tests.FreePort.Next();
        var monitoringPort = Workflow.Chain.Tests.FreePort.Next();
        var storeDirectory = Directory.CreateTempSubdirectory("meshaspire-nats-").FullName;
        var start = new ProcessStartInfo("nats-server")
        {
            ArgumentList = { "-a", "127.0.0.1", "-p", $"{clientPort}", "-m", $"{monitoringPort}", "-js", "-sd", storeDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start");
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new NatsServerProcess(process, storeDirectory, output, clientPort, monitoringPort);
        try
        {
            await server.WaitUntilMonitoringAnswersAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilMonitoringAnswersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var timeout = new CancellationTokenSource(StartupTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(MonitoringAddress, "varz"), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"nats-server's monitoring port did not answer within {StartupTimeout}: {Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }


    private bool _disposed;

    /// <summary>Kills the server (as a crash would) and removes its store; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_storeDirectory, recursive: true);
    }
}
