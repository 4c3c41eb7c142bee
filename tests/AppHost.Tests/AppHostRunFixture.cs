using System.Text.Json;

namespace MeshAspire.AppHost.Tests;

/// <summary>The real app host, run on one of the shipped scenarios until its collector has measured the run.</summary>
/// <param name="arguments">The app host's arguments beyond the scenario and the results folder.</param>
public abstract class AppHostRunFixture(string scenarioFile, params string[] arguments) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private DistributedApplication? _app;

    public string ResultsFolder { get; } = Directory.CreateTempSubdirectory("meshaspire-apphost-").FullName;

    public int CollectorExitCode { get; private set; } = -1;

    public JsonElement Summary { get; private set; }

    /// <summary>The collector's dashboard link named "report", as the app host gave it.</summary>
    public string? ReportUrl { get; private set; }

    /// <summary>The run store's connection string while the app host runs; null when the run went to files.</summary>
    public string? RunStoreConnectionString { get; private set; }

    public virtual async Task InitializeAsync()
    {
        var scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", scenarioFile);
        using var starting = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            // The collector exits when the run is collected (as with --exit-when-done): its exit code is what the tests read.
            ["--scenario", scenario, "--results", ResultsFolder, "--Collector:ServeAfterRun=false", .. arguments], starting.Token);
        _app = await builder.BuildAsync(starting.Token);
        await _app.StartAsync(starting.Token);

        using var running = new CancellationTokenSource(RunTimeout);
        var finished = await _app.ResourceNotifications.WaitForResourceAsync(
            "collector",
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text),
            running.Token);
        CollectorExitCode = finished.Snapshot.ExitCode ?? -1;
        ReportUrl = finished.Snapshot.Urls.FirstOrDefault(url => url.DisplayProperties.DisplayName == "report")?.Url;

        if (arguments.Contains("postgres"))
        {
            RunStoreConnectionString = await _app.GetConnectionStringAsync("runstore", running.Token);
        }

        await using var summary = File.OpenRead(Path.Combine(ResultsFolder, "summary.json"));
        Summary = (await JsonDocument.ParseAsync(summary)).RootElement.Clone();
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(ResultsFolder, recursive: true);
    }
}
