using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MeshAspire.Workflow.Chain.Tests;
using Npgsql;

namespace MeshAspire.MetricsCollector.Tests.Storage;

/// <summary>
/// A private PostgreSQL server for one test class: Debian's <c>initdb</c> and <c>postgres</c> (from PATH or
/// /usr/lib/postgresql/&lt;version&gt;/bin) with a fresh cluster in a temporary folder, listening on a free loopback
/// port. Run as the <c>postgres</c> user through <c>runuser</c> when the tests run as root (postgres refuses root).
/// It can be stopped (a fast shutdown: clients are cut off) and started again on the same port and data.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string User = "meshaspire";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-postgres-").FullName;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _bin = FindBinaries();
    private Process? _server;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Timeout=3;Command Timeout=30";

    public string Output => string.Join(Environment.NewLine, _output);

    private string DataFolder => Path.Combine(_folder, "data");

    private static bool AsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        if (AsRoot)
        {
            await RunAsync("chown", "postgres:postgres", _folder);
        }

        await RunAsync(Command(Path.Combine(_bin, "initdb"), "-D", DataFolder, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        await StartAsync();
    }

    /// <summary>Starts the server and returns once it accepts a connection.</summary>
    public async Task StartAsync()
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("postgres is already running");
        }

        var command = Command(
            Path.Combine(_bin, "postgres"), "-D", DataFolder, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        var server = new Process { StartInfo = start };
        server.OutputDataReceived += (_, line) => Keep(line.Data);
        server.ErrorDataReceived += (_, line) => Keep(line.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _server = server;
        await WaitUntilAcceptingAsync(server);
    }

    /// <summary>Stops the server with a fast shutdown (open connections are cut) and returns once it has exited.</summary>
    public async Task StopAsync()
    {
        var server = _server ?? throw new InvalidOperationException("postgres is not running");
        _server = null;
        await RunAsync(Command(Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-m", "fast", "-w", "stop"));
        using (server)
        {
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Stops the server (killing it if a stop fails) and deletes its folder.</summary>
    public async Task DisposeAsync()
    {
        var server = _server;
        try
        {
            if (server is not null)
            {
                await StopAsync();
            }
        }
        catch (InvalidOperationException)
        {
            server!.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            throw;
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A new empty database on this server, so that tests sharing the server do not meet.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private async Task WaitUntilAcceptingAsync(Process server)
    {
        var giveUpAt = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with {server.ExitCode} before it accepted connections:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
            }

            try
            {
                // Unpooled: a pooled connection from before a restart would answer without the server.
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < giveUpAt)
            {
            }

            await Task.Delay(PollInterval);
        }
    }

    private static string[] Command(params string[] command) =>
        AsRoot ? ["runuser", "-u", "postgres", "--", .. command] : command;

    private static async Task RunAsync(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}:{Environment.NewLine}{await output}{await errors}");
        }
    }

    /// <summary>The folder of initdb, postgres and pg_ctl: Debian's newest, else the one on PATH.</summary>
    private static string FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(folder => Path.Combine(folder, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
                .FirstOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "postgres")) && File.Exists(Path.Combine(folder, "initdb")));
        return debian ?? onPath
            ?? throw new InvalidOperationException("PostgreSQL is not installed: these tests run a real server (Debian: apt-get install postgresql; macOS: brew install postgresql)");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
