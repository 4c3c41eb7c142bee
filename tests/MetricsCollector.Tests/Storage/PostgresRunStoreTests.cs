using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Storage.Postgres;
using Npgsql;

namespace MeshAspire.MetricsCollector.Tests.Storage;

/// <summary>The PostgreSQL store against a real, private PostgreSQL server.</summary>
public sealed class PostgresRunStoreTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("meshaspire-pgstore-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task StoreAsync(IRunStore store, StoredRunSample sample, IReadOnlyList<Scrape> scrapes)
    {
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Take(6).ToArray(), CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(6).ToArray(), CancellationToken.None);
        await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_run_loads_back_with_the_same_records_summary_and_scrapes()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(5);
        await using (var store = PostgresRunStore.Create(server.ConnectionString))
        {
            await StoreAsync(store, sample, scrapes);
        }

        await using var reopened = PostgresRunStore.Create(server.ConnectionString);
        sample.AssertLoaded(await reopened.LoadRunAsync(sample.Run.RunId, CancellationToken.None));
        StoredRunSample.AssertSameScrapes(scrapes, await reopened.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task The_same_run_in_postgresql_and_in_files_loads_to_identical_summaries_and_scrapes()
    {
        var sample = new StoredRunSample(missing: ["action01"]);
        var scrapes = StoredRunSample.Scrapes(8);
        await using var postgres = PostgresRunStore.Create(server.ConnectionString);
        await using var files = new FileRunStore(_root);
        await StoreAsync(postgres, sample, scrapes);
        await StoreAsync(files, sample, scrapes);

        var fromPostgres = await postgres.LoadRunAsync(sample.Run.RunId, CancellationToken.None);
        var fromFiles = await files.LoadRunAsync(sample.Run.RunId, CancellationToken.None);

        Assert.Equal(StoredRunSample.SummaryJson(fromFiles!.Analysis.Summary), StoredRunSample.SummaryJson(fromPostgres!.Analysis.Summary));
        StoredRunSample.AssertSameRecords(fromFiles.Records, fromPostgres.Records);
        Assert.Equal(
            (await files.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync()).Select(StoredRunSample.Describe),
            (await postgres.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync()).Select(StoredRunSample.Describe));
    }

    [Fact(Timeout = 120_000)]
    public async Task Completing_a_run_again_replaces_its_rows_and_notes()
    {
        var sample = new StoredRunSample();
        await using var store = PostgresRunStore.Create(server.ConnectionString);
        await StoreAsync(store, sample, []);

        await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);

        sample.AssertLoaded(await store.LoadRunAsync(sample.Run.RunId, CancellationToken.None));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_unknown_run_is_null_and_a_run_never_completed_loads_as_not_measured()
    {
        var sample = new StoredRunSample();
        await using var store = PostgresRunStore.Create(server.ConnectionString);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);

        Assert.Null(await store.LoadRunAsync("no-such-run", CancellationToken.None));
        var begun = await store.LoadRunAsync(sample.Run.RunId, CancellationToken.None);
        Assert.False(begun!.Analysis.Summary.Completed);
        Assert.Contains(StoredRunAnalysis.NotCompletedNote, begun.Analysis.Summary.Notes);
    }

    [Fact(Timeout = 120_000)]
    public async Task Migrating_twice_and_from_two_collectors_at_once_applies_each_migration_once()
    {
        var database = await server.CreateDatabaseAsync();
        await using var first = NpgsqlDataSource.Create(database);
        await using var second = NpgsqlDataSource.Create(database);

        var applied = await Task.WhenAll(PostgresSchema.MigrateAsync(first, CancellationToken.None), PostgresSchema.MigrateAsync(second, CancellationToken.None));
        var again = await PostgresSchema.MigrateAsync(first, CancellationToken.None);

        Assert.Equal(PostgresSchema.Migrations.Count, applied.Sum());
        Assert.Contains(0, applied);
        Assert.Equal(0, again);
        await using var versions = first.CreateCommand("SELECT array_agg(version ORDER BY version) FROM meshaspire.schema_version");
        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), (int[])(await versions.ExecuteScalarAsync())!);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_views_show_samples_with_their_scrape_and_failures_with_their_reason()
    {
        var sample = new StoredRunSample();
        await using var store = PostgresRunStore.Create(server.ConnectionString);
        await StoreAsync(store, sample, StoredRunSample.Scrapes(4));
        await using var database = NpgsqlDataSource.Create(server.ConnectionString);

        await using var nats = database.CreateCommand("SELECT count(*) FROM meshaspire.scrape_samples WHERE run_id = $1 AND target = 'nats' AND name = 'nats_varz_in_msgs'");
        nats.Parameters.Add(new() { Value = sample.Run.RunId });
        await using var failures = database.CreateCommand("SELECT failure FROM meshaspire.scrape_failures WHERE run_id = $1");
        failures.Parameters.Add(new() { Value = sample.Run.RunId });

        Assert.Equal(3L, await nats.ExecuteScalarAsync());
        Assert.StartsWith("connection refused", (string)(await failures.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_series_name_and_labels_are_written_once_per_run_however_many_appends_carry_it()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(5);
        await using var store = PostgresRunStore.Create(server.ConnectionString);
        await StoreAsync(store, sample, scrapes);
        await using var database = NpgsqlDataSource.Create(server.ConnectionString);

        await using var series = database.CreateCommand("SELECT count(*) FROM meshaspire.series WHERE run_id = $1");
        series.Parameters.Add(new() { Value = sample.Run.RunId });

        var distinct = scrapes.SelectMany(s => s.Samples).Select(s => $"{s.Name}{{{string.Join(",", s.Labels)}}}").Distinct().Count();
        Assert.Equal(8, distinct);
        Assert.Equal((long)distinct, await series.ExecuteScalarAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_label_value_with_a_nul_character_is_stored_and_read_back_with_the_replacement_character()
    {
        var sample = new StoredRunSample();
        await using var store = PostgresRunStore.Create(server.ConnectionString);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        var scraped = new MetricSample("broker_queue_depth", [new("queue", "nul\0inside")], 3);

        await store.AppendScrapesAsync(
            sample.Run.RunId, [new Scrape("local", "rabbitmq", ScrapeKind.Broker, StoredRunSample.Started, [scraped])], CancellationToken.None);

        var read = await store.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync();
        Assert.Equal("nul\uFFFDinside", Assert.Single(Assert.Single(read).Samples).Label("queue"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_series_first_seen_in_an_append_that_failed_is_written_again_by_the_next()
    {
        var sample = new StoredRunSample();
        var at = StoredRunSample.Started;
        await using var store = PostgresRunStore.Create(server.ConnectionString);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        var good = new MetricSample("workflow_new_total", [new("component", "action01")], 1);
        var unwritable = new MetricSample("workflow_bad_total", [new("component", "lone \uD800 surrogate")], 2);

        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendScrapesAsync(
            sample.Run.RunId, [new Scrape("local", "action01", ScrapeKind.Component, at, [good, unwritable])], CancellationToken.None));
        var later = new Scrape("local", "action01", ScrapeKind.Component, at.AddSeconds(1), [good]);
        await store.AppendScrapesAsync(sample.Run.RunId, [later], CancellationToken.None);

        StoredRunSample.AssertSameScrapes([later], await store.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task Samples_stored_before_series_existed_read_back_the_same_after_the_migration()
    {
        var database = await server.CreateDatabaseAsync();
        await using var data = NpgsqlDataSource.Create(database);
        await using (var before = data.CreateCommand("""
            CREATE SCHEMA meshaspire;
            CREATE TABLE meshaspire.schema_version (version int PRIMARY KEY, description text NOT NULL, applied timestamptz NOT NULL DEFAULT now());
            """ + string.Concat(PostgresSchema.Migrations.Where(m => m.Version <= 3).Select(m => m.Sql + $"INSERT INTO meshaspire.schema_version (version, description) VALUES ({m.Version}, 'v{m.Version}');"))
            + """
            INSERT INTO meshaspire.runs (run_id, scenario, scenario_text, started, labels) VALUES ('old-run', 'constant', '', '2026-11-28T02:00:00Z', '{}');
            INSERT INTO meshaspire.scrapes VALUES (1, 'old-run', 'local', 'action01', 'component', '2026-11-28T02:00:01Z', NULL),
                                                  (2, 'old-run', 'local', 'action01', 'component', '2026-11-28T02:00:02Z', NULL),
                                                  (3, 'old-run', 'local', 'nats', 'broker', '2026-11-28T02:00:02Z', 'refused');
            INSERT INTO meshaspire.samples VALUES (1, 0, 'workflow_received_total', '{component}', '{action01}', 10, NULL),
                                                  (1, 1, 'workflow_received_total', '{component}', '{"a \"b\""}', 11, '2026-11-28T02:00:00.5Z'),
                                                  (2, 0, 'workflow_received_total', '{component}', '{action01}', 20, NULL),
                                                  (2, 1, 'process_up', '{}', '{}', 1, NULL);
            """))
        {
            await before.ExecuteNonQueryAsync();
        }

        await using var store = PostgresRunStore.Create(database);
        var read = await store.ReadScrapesAsync("old-run", CancellationToken.None).ToListAsync();

        Assert.Equal(
            [
                "local|action01|Component|2026-11-28T02:00:01.0000000+00:00||workflow_received_total{component=action01}=10@;workflow_received_total{component=a \"b\"}=11@2026-11-28T02:00:00.5000000+00:00",
                "local|action01|Component|2026-11-28T02:00:02.0000000+00:00||workflow_received_total{component=action01}=20@;process_up{}=1@",
                "local|nats|Broker|2026-11-28T02:00:02.0000000+00:00|refused|",
            ],
            read.Select(StoredRunSample.Describe));
        await using var series = data.CreateCommand("SELECT count(*) FROM meshaspire.series WHERE run_id = 'old-run'");
        Assert.Equal(3L, await series.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=notaport")]
    [InlineData("Nonsense Key=1")]
    [InlineData("Username=meshaspire")]
    public void A_connection_string_that_does_not_read_is_an_argument_error(string connectionString)
    {
        Assert.ThrowsAny<ArgumentException>(() => PostgresRunStore.Create(connectionString));
    }
}
