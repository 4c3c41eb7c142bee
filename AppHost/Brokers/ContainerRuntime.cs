using System.Diagnostics;

namespace MeshAspire.AppHost.Brokers;

/// <summary>Whether a container runtime answers here: the one Aspire would use (ASPIRE_CONTAINER_RUNTIME, else docker).</summary>
public static class ContainerRuntime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static string Name =>
        Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } configured ? configured : "docker";

    /// <summary>True when <c>{runtime} info</c> succeeds: the client is installed and its engine is up.</summary>
    public static bool Answers()
    {
        if (ExecutableSearch.Find(Name) is not { } client)
        {
            return false;
        }

        try
        {
            using var info = Process.Start(new ProcessStartInfo(client, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (info is null)
            {
                return false;
            }

            info.OutputDataReceived += (_, _) => { };
            info.ErrorDataReceived += (_, _) => { };
            info.BeginOutputReadLine();
            info.BeginErrorReadLine();
            if (!info.WaitForExit(Patience))
            {
                info.Kill(entireProcessTree: true);
                return false;
            }

            return info.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
