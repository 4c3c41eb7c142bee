using System.Diagnostics;
using System.Security.Cryptography;

namespace MeshAspire.AppHost.RunStore;

/// <summary>
/// Where a local PostgreSQL keeps runs from one app host run to the next: a data folder initialised once with
/// <c>initdb</c>, and the password of its <c>meshaspire</c> user in a file only this user can read (never in a log or
/// a manifest). Root's home is /var/lib/meshaspire (postgres refuses to run as root, so the data belong to the
/// <c>postgres</c> user and the server runs through <c>runuser</c>); anyone else's is ~/.local/share/meshaspire.
/// </summary>
public sealed class RunStoreHome(string folder)
{
    public const string User = "meshaspire";

    /// <summary>A folder of its own for the store instead of this user's (<c>--RunStore:Home DIR</c>): the tests use it.</summary>
    public const string HomeKey = "RunStore:Home";

    public static bool AsRoot => Environment.UserName == "root";

    public string Folder { get; } = folder;

    /// <summary>The cluster's data folder (postgres -D).</summary>
    public string Data => Path.Combine(Folder, "postgres", "data");

    /// <summary>Where postgres puts its Unix socket, owned by the user the server runs as.</summary>
    public string Sockets => Path.Combine(Folder, "postgres");

    private string PasswordFile => Path.Combine(Folder, "runstore.password");

    /// <summary>The folder <see cref="HomeKey"/> names, else this user's.</summary>
    public static RunStoreHome From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[HomeKey] is { Length: > 0 } folder ? new RunStoreHome(Path.GetFullPath(folder)) : ForThisUser();

    public static RunStoreHome ForThisUser()
    {
        if (AsRoot)
        {
            return new RunStoreHome("/var/lib/meshaspire");
        }

        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return new RunStoreHome(Path.Combine(data, "meshaspire"));
    }

    /// <summary>The password, made on first use (32 random letters and digits) and kept readable by this user only.</summary>
    public string Password()
    {
        if (File.Exists(PasswordFile))
        {
            return File.ReadAllText(PasswordFile).Trim();
        }

        Directory.CreateDirectory(Folder);
        var password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(PasswordFile, options))
        {
            writer.Write(password);
        }

        return password;
    }

    /// <summary>
    /// Initialises the data folder with <c>initdb</c> unless it already holds a cluster; returns why it could not.
    /// </summary>
    public string? Initialise(string binaries)
    {
        if (File.Exists(Path.Combine(Data, "PG_VERSION")))
        {
            return null;
        }

        var password = Password();
        Directory.CreateDirectory(Sockets);
        var passwordForInitdb = Path.Combine(Sockets, "initdb.password");
        File.WriteAllText(passwordForInitdb, password);
        try
        {
            if (AsRoot && Run(["chown", "-R", "postgres:postgres", Sockets]) is { } chownError)
            {
                return chownError;
            }

            return Run(AsServerUser(
                Path.Combine(binaries, "initdb"), "-D", Data, "-U", User, "--pwfile", passwordForInitdb,
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"));
        }
        finally
        {
            File.Delete(passwordForInitdb);
        }
    }

    /// <summary>A command run as the server's user: through <c>runuser -u postgres</c> when this is root.</summary>
    public static string[] AsServerUser(params string[] command) =>
        AsRoot ? ["runuser", "-u", "postgres", "--", .. command] : command;

    private static string? Run(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"'{string.Join(' ', command)}' exited with {process.ExitCode}: {errors.Trim()} {output.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return $"cannot run '{command[0]}': {error.Message}";
        }
    }
}
