using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshAspire.MetricsCollector.Tests.Storage;

/// <summary>PostgreSQL stopped in the middle of a run: scrapes spill to files and nothing is lost.</summary>
public sealed class SpillingRunStoreTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    /// <summary>No wait before a retry, so the next append after a restart is the one that finds PostgreSQL back.</summary>
    private static readonly SpillOptions Eager = new(TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(2));

    private readonly string _results = Directory.CreateTempSubdirectory("meshaspire-spill-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private SpillingRunStore Store() => Store(server.ConnectionString);

    private SpillingRunStore Store(string connectionString) =>
        new(PostgresRunStore.Create(connectionString), Path.Combine(_results, "spill"), _results, Eager, TimeProvider.System, NullLogger.Instance);

    /// <summary>Appends the scrapes through <paramref name="cutter"/>, which swallows the answer to their commit.</summary>
    private static async Task AppendLosingTheCommitAnswerAsync(SpillingRunStore store, CommitAnswerCutter cutter, string runId, IEnumerable<Scrape> scrapes)
    {
        cutter.Arm();
        await store.AppendScrapesAsync(runId, scrapes.ToArray(), CancellationToken.None);
        Assert.True(cutter.Cut.IsCompleted);
    }

    [Fact(Timeout = 180_000)]
    public async Task Stopping_postgresql_between_appends_and_starting_it_again_loses_no_scrape()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(9);
        await using var store = Store();
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Take(12).ToArray(), CancellationToken.None);

        await server.StopAsync();
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(12).Take(8).ToArray(), CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(20).Take(8).ToArray(), CancellationToken.None);
        Assert.Equal(16, Directory.GetFiles(store.SpillFolderOf(sample.Run.RunId), "*.prom", SearchOption.AllDirectories).Length);
        await server.StartAsync();
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(28).ToArray(), CancellationToken.None);
        await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);

        await using var postgres = PostgresRunStore.Create(server.ConnectionString);
        StoredRunSample.AssertSameScrapes(scrapes, await postgres.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
        var loaded = await postgres.LoadRunAsync(sample.Run.RunId, CancellationToken.None);
        var note = Assert.Single(store.Notes);
        Assert.Contains("16 scrapes spilled to files and loaded when it returned", note, StringComparison.Ordinal);
        Assert.Equal([.. sample.Notes, note], loaded!.Analysis.Summary.Notes.Take(sample.Notes.Count + 1));
        Assert.False(Directory.Exists(store.SpillFolderOf(sample.Run.RunId)));
        Assert.Contains(note, await File.ReadAllTextAsync(Path.Combine(_results, RunResultsWriter.SummaryText)), StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_append_whose_commit_answer_was_lost_is_stored_once()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(6);
        await using var cutter = new CommitAnswerCutter(server);
        await using var store = Store(cutter.ConnectionString);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Take(8).ToArray(), CancellationToken.None);

        await AppendLosingTheCommitAnswerAsync(store, cutter, sample.Run.RunId, scrapes.Skip(8).Take(8));
        Assert.Equal(8, Directory.GetFiles(store.SpillFolderOf(sample.Run.RunId), "*.prom", SearchOption.AllDirectories).Length);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(16).ToArray(), CancellationToken.None);
        await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);

        await using var postgres = PostgresRunStore.Create(server.ConnectionString);
        StoredRunSample.AssertSameScrapes(scrapes, await postgres.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
        Assert.Contains("8 scrapes spilled to files and loaded when it returned", Assert.Single(store.Notes), StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_append_whose_commit_answer_was_lost_reads_once_from_a_run_completed_in_files()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(4);
        await using var cutter = new CommitAnswerCutter(server);
        await using var store = Store(cutter.ConnectionString);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Take(4).ToArray(), CancellationToken.None);
        await AppendLosingTheCommitAnswerAsync(store, cutter, sample.Run.RunId, scrapes.Skip(4).Take(4));

        await server.StopAsync();
        try
        {
            await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(8).ToArray(), CancellationToken.None);
            await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);
        }
        finally
        {
            await server.StartAsync();
        }

        await using var postgres = PostgresRunStore.Create(server.ConnectionString);
        Assert.Equal(8, (await postgres.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync()).Count);
        StoredRunSample.AssertSameScrapes(scrapes, await store.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
    }

    [Fact(Timeout = 180_000)]
    public async Task Postgresql_still_away_at_completion_leaves_the_whole_run_in_files_and_every_scrape_readable()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(6);
        await using var store = Store();
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Take(8).ToArray(), CancellationToken.None);

        await server.StopAsync();
        try
        {
            await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(8).ToArray(), CancellationToken.None);
            await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);

            var loaded = await store.LoadRunAsync(sample.Run.RunId, CancellationToken.None);
            StoredRunSample.AssertSameRecords(sample.Records, loaded!.Records);
            Assert.Contains(loaded.Analysis.Summary.Notes, note => note.Contains("still away at the end of the run", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(_results, RunResultsWriter.SummaryJson)));
        }
        finally
        {
            await server.StartAsync();
        }

        StoredRunSample.AssertSameScrapes(scrapes, await store.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
    }

    [Fact(Timeout = 180_000)]
    public async Task Postgresql_away_when_the_run_begins_gets_the_run_once_it_returns()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(3);
        await using var store = Store();

        await server.StopAsync();
        try
        {
            await store.BeginRunAsync(sample.Run, CancellationToken.None);
            await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Take(4).ToArray(), CancellationToken.None);
        }
        finally
        {
            await server.StartAsync();
        }

        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(4).ToArray(), CancellationToken.None);
        await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);

        await using var postgres = PostgresRunStore.Create(server.ConnectionString);
        StoredRunSample.AssertSameScrapes(scrapes, await postgres.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
        StoredRunSample.AssertSameRecords(sample.Records, (await postgres.LoadRunAsync(sample.Run.RunId, CancellationToken.None))!.Records);
    }
}
