using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MeshAspire.Workflow.Chain.Tests.Brokers;

/// <summary>
/// A private RabbitMQ node for one test class: the installed <c>rabbitmq-server</c> (Debian's package, or one on
/// PATH) run as a child process with its own node name, free loopback ports (AMQP, Erlang distribution, Prometheus)
/// and its data, logs and configuration in a temporary folder, so that it meets no other node and no system
/// configuration. It can be killed and started again on the same port and data (a broker restart), and is killed
/// and its folder deleted on dispose. The Erlang port mapper (epmd), which the node starts if none runs, is shared
/// by all nodes of the machine and is left running.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const int OutputLines = 200;

    private static readonly string[] Candidates =
    [
        "/usr/lib/rabbitmq/bin/rabbitmq-server", // Debian: the script itself, which runs as any user (/usr/sbin's wrapper su's to 'rabbitmq')
        "/usr/local/sbin/rabbitmq-server",
        "/opt/homebrew/sbin/rabbitmq-server",
        "/usr/sbin/rabbitmq-server",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-rabbitmq-").FullName;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _node;

    public RabbitMqServer()
    {
        ShortName = $"meshaspire-test-{Guid.NewGuid():N}"[..28];
        AmqpPort = FreePort.Next();
        DistributionPort = FreePort.Next();
        PrometheusPort = FreePort.Next();
        WriteConfiguration();
    }

    /// <summary>The node name before '@localhost': unique, so that epmd tells this node from every other.</summary>
    public string ShortName { get; }

    public int AmqpPort { get; }

    public int DistributionPort { get; }

    /// <summary>The rabbitmq_prometheus plugin's port: /metrics.</summary>
    public int PrometheusPort { get; }

    /// <summary>An AMQP URI with the default user, as the app host's connection string would be.</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{AmqpPort}";

    public Uri Uri => new(ConnectionString);

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the node and returns once it accepts an AMQP connection.</summary>
    public async Task StartAsync()
    {
        if (_node is not null)
        {
            throw new InvalidOperationException("the node is already running");
        }

        var start = new ProcessStartInfo(FindServer())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in Environment())
        {
            start.Environment[name] = value;
        }

        var node = new Process { StartInfo = start };
        node.OutputDataReceived += (_, line) => Keep(line.Data);
        node.ErrorDataReceived += (_, line) => Keep(line.Data);
        node.Start();
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        _node = node;
        await WaitUntilAcceptingAsync(node);
    }

    /// <summary>Kills the node, as a crash would, and returns once its name and ports are free for a restart.</summary>
    public async Task StopAsync()
    {
        var node = _node ?? throw new InvalidOperationException("the node is not running");
        _node = null;
        await KillAsync(node);
    }

    public async Task DisposeAsync()
    {
        if (_node is { } node)
        {
            _node = null;
            await KillAsync(node);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilAcceptingAsync(Process node)
    {
        var factory = new ConnectionFactory { Uri = Uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(2), AutomaticRecoveryEnabled = false };
        var giveUpAt = DateTime.UtcNow + BootTimeout;
        while (true)
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with {node.ExitCode} before it accepted connections:{System.Environment.NewLine}{Output()}");
            }

            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                await connection.CloseAsync();
                return;
            }
            catch (Exception error) when (error is RabbitMQClientException or IOException or SocketException or TimeoutException)
            {
                if (DateTime.UtcNow > giveUpAt)
                {
                    throw new TimeoutException($"rabbitmq-server did not accept AMQP connections on {AmqpPort} within {BootTimeout}:{System.Environment.NewLine}{Output()}", error);
                }
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Kills the node's process tree and waits until epmd has let go of its name, which it does once the VM is gone.</summary>
    private async Task KillAsync(Process node)
    {
        using (node)
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }

            await node.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(BootTimeout);
        while (await Epmd.IsRegisteredAsync(ShortName, timeout.Token))
        {
            await Task.Delay(PollInterval, timeout.Token);
        }
    }

    private IEnumerable<(string Name, string Value)> Environment()
    {
        yield return ("HOME", _folder); // the Erlang cookie goes here, not in the user's home
        yield return ("RABBITMQ_NODENAME", $"{ShortName}@localhost");
        yield return ("RABBITMQ_DIST_PORT", DistributionPort.ToString(CultureInfo.InvariantCulture));
        yield return ("RABBITMQ_CONF_ENV_FILE", Path.Combine(_folder, "rabbitmq-env.conf"));
        yield return ("RABBITMQ_CONFIG_FILE", Path.Combine(_folder, "rabbitmq.conf"));
        yield return ("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(_folder, "advanced.config"));
        yield return ("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(_folder, "enabled_plugins"));
        yield return ("RABBITMQ_MNESIA_BASE", Path.Combine(_folder, "mnesia"));
        yield return ("RABBITMQ_LOG_BASE", Path.Combine(_folder, "log"));
    }

    private void WriteConfiguration()
    {
        File.WriteAllText(Path.Combine(_folder, "rabbitmq-env.conf"), string.Empty);
        File.WriteAllText(Path.Combine(_folder, "enabled_plugins"), "[rabbitmq_prometheus].\n");
        File.WriteAllLines(Path.Combine(_folder, "rabbitmq.conf"),
        [
            $"listeners.tcp.default = 127.0.0.1:{AmqpPort}",
            $"prometheus.tcp.port = {PrometheusPort}",
            "prometheus.tcp.ip = 127.0.0.1",
        ]);
    }

    private static string FindServer()
    {
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "rabbitmq-server"));
        return Candidates.Take(Candidates.Length - 1).Concat(onPath).Append(Candidates[^1]).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "rabbitmq-server is not installed: these tests run a real RabbitMQ node (Debian: apt-get install rabbitmq-server; macOS: brew install rabbitmq)");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private string Output() => string.Join(System.Environment.NewLine, _output);
}
