using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MeshAspire.Bench;

/// <summary>
/// A PostgreSQL server of its own for the benchmark: Debian's newest initdb and postgres, a fresh cluster in a
/// temporary folder, default settings (fsync on), a free loopback port; through runuser as postgres when root.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-bench-postgres-").FullName;
    private readonly string _bin;
    private Process? _server;

    private PrivatePostgres(string bin)
    {
        _bin = bin;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=meshaspire;Database=postgres";

    public string Version => Path.GetFileName(Path.GetDirectoryName(_bin)!);

    private static bool AsRoot => Environment.UserName == "root";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres"))).Max()
            ?? throw new InvalidOperationException("no PostgreSQL in /usr/lib/postgresql (apt-get install postgresql)");
        var server = new PrivatePostgres(bin);
        if (AsRoot)
        {
            await RunAsync("chown", "postgres:postgres", server._folder);
        }

        var data = Path.Combine(server._folder, "data");
        await RunAsync(Command(Path.Combine(bin, "initdb"), "-D", data, "-U", "meshaspire", "--auth=trust", "-E", "UTF8", "--no-locale"));
        var command = Command(Path.Combine(bin, "postgres"), "-D", data, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-k", server._folder, "-c", "listen_addresses=127.0.0.1");
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        command[1..].ToList().ForEach(start.ArgumentList.Add);
        server._server = Process.Start(start)!;
        server._server.BeginErrorReadLine();
        server._server.BeginOutputReadLine();
        var giveUpAt = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
                await connection.OpenAsync();
                return server;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < giveUpAt)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// CPU seconds the server has used so far: the postmaster, its live processes, and the backends it has reaped
    /// (Linux /proc, clock ticks of 1/100 s).
    /// </summary>
    public double CpuSeconds()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_folder, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var stat in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Select(d => Path.Combine(d, "stat")))
        {
            string[] fields;
            try
            {
                var text = File.ReadAllText(stat);
                fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            }
            catch (IOException)
            {
                continue;
            }

            var pid = int.Parse(Path.GetFileName(Path.GetDirectoryName(stat)!)!, CultureInfo.InvariantCulture);
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }

            if (pid == postmaster)
            {
                ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
        }

        return ticks / 100.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await RunAsync(Command(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop"));
            await _server.WaitForExitAsync();
            _server.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string[] Command(params string[] command) => AsRoot ? ["runuser", "-u", "postgres", "--", .. command] : command;

    private static async Task RunAsync(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        command[1..].ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)}: {errors}{await output}");
        }
    }
}
