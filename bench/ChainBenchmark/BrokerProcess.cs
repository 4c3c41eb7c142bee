using System.Net.Sockets;

namespace MeshAspire.Bench;

/// <summary>A private broker started for one case: its process (sampled like the components) and how clients reach it.</summary>
public sealed record BrokerProcess(ChildProcess Child, string ConnectionName, string ConnectionString)
{
    /// <summary>
    /// The process doing the broker's work, to sample: the child itself (nats-server), or, when the child is a
    /// launcher script (Debian's rabbitmq-server), its descendant with the largest resident set (the Erlang VM).
    /// </summary>
    public int WorkerId => Descendants(Child.Id).Append(Child.Id).MaxBy(ResidentPages);

    private static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && ParentOf(folder) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (pid, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    /// <summary>The parent's id from /proc/PID/stat, whose second field (the command) may hold spaces and parentheses.</summary>
    private static int? ParentOf(string folder)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(folder, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static long ResidentPages(int pid)
    {
        try
        {
            return long.Parse(File.ReadAllText($"/proc/{pid}/statm").Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(60);

    /// <summary>Starts the broker a case needs, on loopback free ports with its data in the work folder, and waits until it listens.</summary>
    public static async Task<BrokerProcess> StartAsync(CaseKind kind, ChildProcesses children, string workFolder, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var store = Directory.CreateDirectory(Path.Combine(workFolder, $"broker-{kind.ToString().ToLowerInvariant()}-{port}")).FullName;
        var broker = kind switch
        {
            CaseKind.Nats or CaseKind.JetStream => new BrokerProcess(
                children.Start($"nats-server-{port}", Program("nats-server"), ["-a", "127.0.0.1", "-p", $"{port}", "-js", "-sd", store], new Dictionary<string, string?>()),
                "nats",
                $"nats://127.0.0.1:{port}"),
            CaseKind.RabbitMq or CaseKind.RabbitMqUnconfirmed => StartRabbitMq(children, port, store),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no broker"),
        };

        await WaitUntilListeningAsync(broker.Child, port, cancellationToken);
        return broker;
    }

    private static BrokerProcess StartRabbitMq(ChildProcesses children, int port, string store)
    {
        var distribution = FreePort.Next();
        var plugins = Path.Combine(store, "enabled_plugins");
        File.WriteAllText(plugins, "[].\n");
        var environment = new Dictionary<string, string?>
        {
            ["RABBITMQ_NODENAME"] = $"meshaspire-bench-{port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = $"{port}",
            ["RABBITMQ_DIST_PORT"] = $"{distribution}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(store, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(store, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
        };
        var server = File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server") ? "/usr/lib/rabbitmq/bin/rabbitmq-server" : Program("rabbitmq-server");
        return new BrokerProcess(children.Start($"rabbitmq-{port}", server, [], environment), "rabbitmq", $"amqp://guest:guest@127.0.0.1:{port}");
    }

    private static string Program(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append("/usr/sbin");
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{name} is not on PATH (Debian: sudo apt-get install {name})");
    }

    private static async Task WaitUntilListeningAsync(ChildProcess child, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartupGrace);
        while (true)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"{child.Name} exited with {child.Process.ExitCode} before listening (log {child.LogFile})");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
    }
}
