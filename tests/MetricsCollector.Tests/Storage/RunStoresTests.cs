using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Storage.Postgres;
using MeshAspire.Workflow.Chain.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshAspire.MetricsCollector.Tests.Storage;

/// <summary>Which store a collector gets from its configuration, and the error it prints when it cannot have one.</summary>
public sealed class RunStoresTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("meshaspire-stores-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private async Task<(IRunStore? Store, string? Error)> OpenAsync(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return await RunStores.OpenAsync(configuration, "run-1", _results, NullLogger.Instance, CancellationToken.None);
    }

    [Fact]
    public async Task Without_a_connection_string_the_run_goes_to_files_in_its_results_folder()
    {
        var (store, error) = await OpenAsync();

        Assert.Null(error);
        await using var files = Assert.IsType<FileRunStore>(store);
        Assert.Equal(_results, files.FolderOf("run-1"));
    }

    [Fact(Timeout = 120_000)]
    public async Task With_a_connection_string_the_run_goes_to_postgresql_with_its_schema_ready()
    {
        var database = await server.CreateDatabaseAsync();

        var (store, error) = await OpenAsync((PostgresRunStore.ConnectionStringKey, database));

        Assert.Null(error);
        await using var spilling = Assert.IsType<SpillingRunStore>(store);
        await using var check = Npgsql.NpgsqlDataSource.Create(database);
        await using var versions = check.CreateCommand("SELECT count(*) FROM meshaspire.schema_version");
        Assert.Equal((long)PostgresSchema.Migrations.Count, await versions.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=notaport;Password=hunter2-secret")]
    [InlineData("Password=hunter2-secret;Nonsense Key=1")]
    [InlineData("Username=meshaspire;Password=hunter2-secret")]
    public async Task A_connection_string_that_does_not_read_is_an_error_naming_the_key_and_not_the_password(string connectionString)
    {
        var (store, error) = await OpenAsync((PostgresRunStore.ConnectionStringKey, connectionString));

        Assert.Null(store);
        Assert.StartsWith($"{PostgresRunStore.ConnectionStringKey}: not a PostgreSQL connection string", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_server_that_never_answers_is_an_error_once_the_patience_has_passed()
    {
        var nobody = $"Host=127.0.0.1;Port={FreePort.Next()};Username=meshaspire;Password=hunter2-secret;Timeout=1";

        var (store, error) = await OpenAsync((PostgresRunStore.ConnectionStringKey, nobody), (RunStores.StartPatienceKey, "00:00:02"));

        Assert.Null(store);
        Assert.StartsWith($"{PostgresRunStore.ConnectionStringKey}: cannot use PostgreSQL meshaspire@127.0.0.1:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }
}
