using MeshAspire.AppHost;
using MeshAspire.AppHost.RunStore;

namespace MeshAspire.AppHost.Tests;

/// <summary>How <c>--store postgres</c> runs PostgreSQL locally, from what this machine offers.</summary>
public sealed class RunStoreHostingTests
{
    [Fact]
    public void A_container_runtime_that_answers_runs_postgresql_in_a_container()
    {
        var (hosting, error) = RunStoreHosting.Choose(() => true, () => throw new InvalidOperationException("not asked"));

        Assert.Null(error);
        Assert.True(hosting!.InContainer);
    }

    [Fact]
    public void Without_a_runtime_the_installed_postgres_runs()
    {
        var (hosting, error) = RunStoreHosting.Choose(() => false, () => "/usr/lib/postgresql/15/bin");

        Assert.Null(error);
        Assert.False(hosting!.InContainer);
        Assert.Equal("/usr/lib/postgresql/15/bin", hosting.Binaries);
    }

    [Fact]
    public void With_neither_the_run_is_refused_with_how_to_get_postgresql()
    {
        var (hosting, error) = RunStoreHosting.Choose(() => false, () => null);

        Assert.Null(hosting);
        Assert.Contains("apt-get install postgresql", error, StringComparison.Ordinal);
        Assert.Contains("leave out --store", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--store", "postgres" }, RunStoreKind.Postgres)]
    [InlineData(new[] { "--store=files" }, RunStoreKind.Files)]
    [InlineData(new string[0], RunStoreKind.Files)]
    public void The_store_flag_chooses_the_store(string[] arguments, RunStoreKind expected)
    {
        var options = AppHostOptions.Parse(arguments);

        Assert.Empty(options.Errors);
        Assert.Equal(expected, options.Store);
    }

    [Fact]
    public void The_installed_postgresql_is_found_with_initdb_beside_it()
    {
        var binaries = PostgresPrograms.Find();

        Assert.NotNull(binaries);
        Assert.True(File.Exists(Path.Combine(binaries, "initdb")));
    }
}
