using System.Diagnostics;

namespace MeshAspire.AppHost.Tests;

/// <summary>The collector's own executable, as the build the app host runs left it, run as a command.</summary>
internal static class CollectorCommand
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static async Task<(int Exit, string Error)> RunAsync(IReadOnlyList<string> arguments, params (string Name, string Value)[] environment)
    {
        var project = Path.GetDirectoryName(new Projects.MetricsCollector().ProjectPath)!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(project, "bin", Configuration, "net10.0", "MetricsCollector.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        return (process.ExitCode, await error);
    }
}
