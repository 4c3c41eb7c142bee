using System.Diagnostics;
using System.Text;
using MeshAspire.Workflow.Chain.Tests;

namespace MeshAspire.MetricsCollector.Tests.Hosting;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>, installed by .ci/run) on a free loopback port with a generated
/// configuration scraping the given static targets every second, its storage in a temporary folder; killed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

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

    /// <param name="jobs">Job name and target (host:port, scraped at /metrics).</param>
    public static PrometheusServer Start(IReadOnlyDictionary<string, Uri> jobs)
    {
        var program = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("prometheus is not installed: apt-get install prometheus (.ci/run does)");
        var folder = Directory.CreateTempSubdirectory("meshaspire-prometheus-").FullName;
        var config = new StringBuilder("""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:

            """);
        foreach (var (job, target) in jobs)
        {
            config.Append($"""
                  - job_name: {job}
                    static_configs:
                      - targets: ['{target.Authority}']

                """);
        }

        var configFile = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(configFile, config.ToString());
        var port = FreePort.Next();
        var start = new ProcessStartInfo(program)
        {
            ArgumentList =
            {
                $"--config.file={configFile}",
                $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var server = new PrometheusServer(process, folder, port);
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
