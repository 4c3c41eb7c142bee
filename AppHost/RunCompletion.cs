using Microsoft.Extensions.Hosting;

namespace MeshAspire.AppHost;

/// <summary>
/// With <c>--exit-when-done</c>: when the collector has finished, prints the run's summary table, stops the app
/// host and exits with the collector's exit code (0 measured, 1 not measured).
/// </summary>
internal sealed class RunCompletion(
    WorkflowRun run,
    ResourceNotificationService notifications,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var finished = await notifications.WaitForResourceAsync(
            WorkflowResourceExtensions.CollectorName,
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text),
            stoppingToken);

        var exitCode = finished.Snapshot.ExitCode ?? 1;
        var summary = Path.Combine(run.ResultsFolder, "summary.txt");
        if (File.Exists(summary))
        {
            Console.WriteLine(await File.ReadAllTextAsync(summary, stoppingToken));
            Console.WriteLine($"results: {run.ResultsFolder}");
        }
        else
        {
            await Console.Error.WriteLineAsync($"the collector ended ({finished.Snapshot.State?.Text}, exit code {exitCode}) without writing {summary}; see its log in the dashboard");
        }

        Environment.ExitCode = exitCode == 0 ? 0 : 1;
        lifetime.StopApplication();
    }
}
