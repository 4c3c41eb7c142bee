using MeshAspire.AppHost.Brokers;

namespace MeshAspire.AppHost.RunStore;

/// <summary>How PostgreSQL runs for <c>--store postgres</c>: as a container, or as Debian's <c>postgres</c> program.</summary>
/// <param name="Binaries">Without a container: the folder holding <c>postgres</c> and <c>initdb</c>.</param>
public sealed record RunStoreHosting(bool InContainer, string? Binaries)
{
    /// <summary>A container when a runtime answers; else PostgreSQL's programs found here; else why not and how to get it.</summary>
    public static (RunStoreHosting? Hosting, string? Error) Choose(Func<bool> containerRuntimeAnswers, Func<string?> findBinaries)
    {
        if (containerRuntimeAnswers())
        {
            return (new RunStoreHosting(InContainer: true, Binaries: null), null);
        }

        if (findBinaries() is { } binaries)
        {
            return (new RunStoreHosting(InContainer: false, binaries), null);
        }

        return (null, $"{AppHostOptions.StoreFlag} postgres needs PostgreSQL and neither a container runtime answers ('{ContainerRuntime.Name} info' failed) "
            + "nor are PostgreSQL's programs (postgres, initdb) on PATH or in /usr/lib/postgresql/<version>/bin: start Docker or Podman, "
            + "or install PostgreSQL (Debian/Ubuntu: 'sudo apt-get install postgresql'; macOS: 'brew install postgresql'), or leave out --store to keep runs in files");
    }
}
