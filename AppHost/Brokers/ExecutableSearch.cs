namespace MeshAspire.AppHost.Brokers;

/// <summary>Finds a program on PATH, and in the sbin folders where Debian installs servers (often not on a user's PATH).</summary>
public static class ExecutableSearch
{
    private static readonly string[] ServerFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(OperatingSystem.IsWindows() ? [] : ServerFolders);
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".bat", program } : [program];
        foreach (var folder in folders)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
