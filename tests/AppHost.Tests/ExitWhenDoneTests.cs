using System.Net;
using System.Net.Sockets;

namespace MeshAspire.AppHost.Tests;

/// <summary>
/// The README's run command as a user types it, with <c>--exit-when-done</c>: the app host's own process, headless
/// (the launch profile's settings given as environment, on free ports), runs the smoke scenario, prints the summary
/// table and where the results went, and exits 0 by itself.
/// </summary>
public sealed class ExitWhenDoneTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(4);

    private readonly string _results = Directory.CreateTempSubdirectory("meshaspire-exit-when-done-").FullName;

    [Fact]
    public async Task The_app_host_runs_the_smoke_scenario_prints_its_summary_and_exits_0_by_itself()
    {
        var headless = new Dictionary<string, string>
        {
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
        };
        var scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "smoke.properties");

        var (exit, output, error) = await AppHostCommand.RunAsync(
            ["--scenario", scenario, "--results", _results, "--exit-when-done"], headless, ExitTimeout);

        Assert.True(exit == 0, $"exit code {exit}\n{error}\n{output}");
        Assert.Contains($"results: {_results}", output, StringComparison.Ordinal);
        Assert.Contains("p99.9", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_results, "summary.json")));
        Assert.True(File.Exists(Path.Combine(_results, "report.html")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);
}
