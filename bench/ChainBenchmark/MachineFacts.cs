using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace MeshAspire.Bench;

/// <summary>What the numbers were measured on: processors, memory, CPU model, OS, kernel, .NET, commit.</summary>
public sealed record MachineFacts(
    int Processors,
    double MemoryGiB,
    string CpuModel,
    string OperatingSystem,
    string Kernel,
    string DotNet,
    string Commit,
    DateTimeOffset Date)
{
    public static MachineFacts Read(string repositoryRoot) => new(
        Environment.ProcessorCount,
        ReadMemTotalKb() / 1024.0 / 1024.0,
        ReadKeyed("/proc/cpuinfo", "model name", ':') ?? "unknown",
        ReadKeyed("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        ReadFirstLine("/proc/version") ?? RuntimeInformation.OSDescription,
        $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})",
        ReadCommit(repositoryRoot),
        DateTimeOffset.UtcNow);

    private static long ReadMemTotalKb()
    {
        var text = ReadKeyed("/proc/meminfo", "MemTotal", ':');
        return text is not null && long.TryParse(text.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }

    private static string? ReadFirstLine(string file)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault()?.Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadKeyed(string file, string key, char separator)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var at = line.IndexOf(separator, StringComparison.Ordinal);
                if (at > 0 && line[..at].Trim() == key)
                {
                    return line[(at + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The checked-out commit, marked "+ local changes" when the work tree differs from it.</summary>
    private static string ReadCommit(string repositoryRoot)
    {
        var commit = Git(repositoryRoot, "rev-parse", "--short=12", "HEAD");
        if (commit is null)
        {
            return "unknown";
        }

        var status = Git(repositoryRoot, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrEmpty(status) ? commit : commit + " + local changes";
    }

    private static string? Git(string folder, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The garbage collector this process (the floor's client) runs with.</summary>
    public static string GarbageCollector => GCSettings.IsServerGC ? "server" : "workstation";
}
