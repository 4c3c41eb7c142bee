using System.Diagnostics;

namespace MeshAspire.MetricsCollector.Tests.Report;

/// <summary>
/// Debian's chromium, headless, each call with a new profile folder: no network beyond the page (it is a local
/// file), no GPU, no sandbox (CI runs as root). <c>.ci/run</c> installs it.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static string Executable =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("chromium is not installed: apt-get install chromium (.ci/run does), or set CHROMIUM to its path");

    /// <summary>The page's DOM after its scripts ran (virtual time lets every timer and microtask finish first).</summary>
    public static async Task<string> DumpDomAsync(string page)
    {
        var (output, _) = await RunAsync(["--dump-dom", new Uri(page).AbsoluteUri]);
        return output;
    }

    public static async Task ScreenshotAsync(string page, string png, int width, int height)
    {
        var (_, error) = await RunAsync([$"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);
        if (!File.Exists(png))
        {
            throw new InvalidOperationException($"chromium wrote no screenshot to {png}: {error}");
        }
    }

    private static async Task<(string Output, string Error)> RunAsync(IEnumerable<string> args)
    {
        var profile = Directory.CreateTempSubdirectory("meshaspire-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", "--virtual-time-budget=15000", .. args])
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Patience.TotalMinutes} minutes");
            }

            return (await output, await error);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
