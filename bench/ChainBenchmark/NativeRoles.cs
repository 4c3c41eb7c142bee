using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MeshAspire.Bench;

/// <summary>Publishes the three role programs native AOT (<c>--runtime aot</c>), each into <see cref="RepositoryLayout.NativeFolder"/>.</summary>
public static class NativeRoles
{
    private static readonly string[] Roles = ["Trigger", "Action", "Conclusion"];

    /// <summary>Returns null when all three are published, else what failed and how to mend it.</summary>
    public static async Task<string?> PublishAsync(RepositoryLayout layout, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var role in Roles)
        {
            progress($"publishing Workflow.{role} native AOT ({RuntimeInformation.RuntimeIdentifier}) into {RepositoryLayout.NativeFolder(role)}");
            var start = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "publish", layout.RoleProject(role), "-c", layout.Configuration, "-r", RuntimeInformation.RuntimeIdentifier,
                "-p:PublishAot=true", "-o", RepositoryLayout.NativeFolder(role), "-nologo", "-v:q",
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
            var output = publish.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = publish.StandardError.ReadToEndAsync(cancellationToken);
            await publish.WaitForExitAsync(cancellationToken);
            if (publish.ExitCode != 0)
            {
                var said = string.Join(Environment.NewLine, (await output + await errors)
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase))
                    .Take(10));
                return $"""
                    --runtime aot: dotnet publish of Workflow.{role} failed (exit {publish.ExitCode}):
                    {said}
                    Native AOT needs clang and zlib (Debian: apt-get install clang zlib1g-dev); or measure with --runtime jit.
                    """;
            }
        }

        return null;
    }
}
