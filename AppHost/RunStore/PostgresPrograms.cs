using MeshAspire.AppHost.Brokers;

namespace MeshAspire.AppHost.RunStore;

/// <summary>Finds the folder of PostgreSQL's server programs: Debian's newest version first, else <c>postgres</c> on PATH.</summary>
public static class PostgresPrograms
{
    private const string DebianFolder = "/usr/lib/postgresql";

    public static string? Find()
    {
        var debian = Directory.Exists(DebianFolder)
            ? Directory.GetDirectories(DebianFolder)
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : 0, Bin: Path.Combine(version, "bin")))
                .Where(candidate => HasServer(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        if (debian is not null)
        {
            return debian;
        }

        if (ExecutableSearch.Find("postgres") is not { } onPath)
        {
            return null;
        }

        var resolved = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
        return Path.GetDirectoryName(resolved) is { } folder && HasServer(folder) ? folder : null;
    }

    private static bool HasServer(string folder) =>
        File.Exists(Path.Combine(folder, "postgres")) && File.Exists(Path.Combine(folder, "initdb"));
}
