using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;

namespace MeshAspire.MetricsCollector.Tests.Storage;

public sealed class FileRunStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("meshaspire-filestore-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<FileRunStore> StoreAsync(FileRunStore store, StoredRunSample sample, IReadOnlyList<Scrape> scrapes)
    {
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Take(5).ToArray(), CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, scrapes.Skip(5).ToArray(), CancellationToken.None);
        await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task A_run_loads_back_with_the_same_records_and_summary()
    {
        var sample = new StoredRunSample();
        await using var store = await StoreAsync(new FileRunStore(_root), sample, StoredRunSample.Scrapes(4));

        sample.AssertLoaded(await new FileRunStore(_root).LoadRunAsync(sample.Run.RunId, CancellationToken.None));
    }

    [Fact]
    public async Task A_component_whose_records_were_unavailable_loads_as_unavailable()
    {
        var sample = new StoredRunSample(missing: ["action02"]);
        await using var store = await StoreAsync(new FileRunStore(_root), sample, []);

        var loaded = await store.LoadRunAsync(sample.Run.RunId, CancellationToken.None);

        sample.AssertLoaded(loaded);
        Assert.Null(loaded!.Records.Components[2]);
        Assert.False(File.Exists(Path.Combine(store.FolderOf(sample.Run.RunId), "records", "action02.csv")));
    }

    [Fact]
    public async Task Every_scrape_reads_back_in_time_order_as_stored()
    {
        var sample = new StoredRunSample();
        var scrapes = StoredRunSample.Scrapes(6);
        await using var store = await StoreAsync(new FileRunStore(_root), sample, scrapes.Reverse().ToArray());

        var read = await store.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync();

        StoredRunSample.AssertSameScrapes(scrapes, read);
        Assert.Contains(read, s => s.Failed && s.Failure!.Contains("connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_folder_has_the_results_files_and_the_thesis_layout_run_cluster_collection_target()
    {
        var sample = new StoredRunSample();
        await using var store = await StoreAsync(new FileRunStore(_root), sample, StoredRunSample.Scrapes(4));
        var folder = Path.Combine(_root, sample.Run.RunId);

        foreach (var file in new[] { RunResultsWriter.SummaryJson, RunResultsWriter.SummaryText, RunResultsWriter.MessagesCsv, RunResultsWriter.HistogramsLog, "run.json", "scenario.properties", "collection.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        Assert.Equal(["action01.csv", "action02.csv", "conclusion.csv", "trigger.csv"], Directory.GetFiles(Path.Combine(folder, "records")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var collection = Path.Combine(folder, "local", "20261128T020001Z");
        Assert.True(File.Exists(Path.Combine(collection, "action01.prom")));
        Assert.True(File.Exists(Path.Combine(collection, "action01", "envoy.prom")));
        Assert.True(File.Exists(Path.Combine(folder, "cluster-2_eu", "20261128T020001Z", "containers.prom")));
        var failed = await File.ReadAllTextAsync(Path.Combine(folder, "local", "20261128T020003Z", "nats.prom"));
        Assert.Contains("connection refused (127.0.0.1:8222)", failed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_conclusions_rows_keep_the_upstream_stamps_under_named_columns()
    {
        var sample = new StoredRunSample();
        await using var store = await StoreAsync(new FileRunStore(_root), sample, []);

        var header = File.ReadLines(Path.Combine(_root, sample.Run.RunId, "records", "conclusion.csv")).First();

        Assert.Equal("sequence,repetition,outcome,intended_ns,sent_ns,received_ns,forwarded_ns,acknowledged_ns,action01_received_ns,action01_sent_ns,action02_received_ns,action02_sent_ns", header);
    }

    [Fact]
    public async Task A_run_placed_in_a_folder_of_its_own_is_kept_there()
    {
        var sample = new StoredRunSample();
        var folder = Path.Combine(_root, "my-results");
        await using var store = await StoreAsync(FileRunStore.ForRunFolder(sample.Run.RunId, folder), sample, StoredRunSample.Scrapes(1));

        Assert.True(File.Exists(Path.Combine(folder, RunResultsWriter.SummaryJson)));
        sample.AssertLoaded(await store.LoadRunAsync(sample.Run.RunId, CancellationToken.None));
        sample.AssertLoaded(await new FileRunStore(_root).LoadRunAsync("my-results", CancellationToken.None));
    }

    [Fact]
    public async Task A_second_scrape_of_a_target_in_the_same_second_is_kept_beside_the_first()
    {
        var sample = new StoredRunSample();
        await using var store = new FileRunStore(_root);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        var first = StoredRunSample.Scrapes(1)[0];
        var second = first with { At = first.At.AddMilliseconds(500) };

        await store.AppendScrapesAsync(sample.Run.RunId, [first, second], CancellationToken.None);

        StoredRunSample.AssertSameScrapes([first, second], await store.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task An_unknown_run_is_null_and_a_run_never_completed_loads_as_not_measured()
    {
        var sample = new StoredRunSample();
        await using var store = new FileRunStore(_root);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);

        Assert.Null(await store.LoadRunAsync("no-such-run", CancellationToken.None));
        var begun = await store.LoadRunAsync(sample.Run.RunId, CancellationToken.None);
        Assert.False(begun!.Analysis.Summary.Completed);
        Assert.Contains(StoredRunAnalysis.NotCompletedNote, begun.Analysis.Summary.Notes);
        Assert.All(begun.Records.Components, Assert.Null);
    }

    [Fact]
    public async Task A_damaged_scrape_file_is_an_error_naming_the_file()
    {
        var sample = new StoredRunSample();
        await using var store = await StoreAsync(new FileRunStore(_root), sample, StoredRunSample.Scrapes(1));
        var file = Path.Combine(_root, sample.Run.RunId, "local", "20261128T020000Z", "action01.prom");
        await File.AppendAllTextAsync(file, "not a sample line {\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await store.ReadScrapesAsync(sample.Run.RunId, CancellationToken.None).ToListAsync());

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_clocks_file_is_an_error_naming_the_file_and_line()
    {
        var sample = new StoredRunSample();
        await using var store = await StoreAsync(new FileRunStore(_root), sample, StoredRunSample.Scrapes(1));
        var file = Path.Combine(_root, sample.Run.RunId, RunResultsWriter.ClocksCsv);
        await File.AppendAllTextAsync(file, "conclusion,1,2,3\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadRunAsync(sample.Run.RunId, CancellationToken.None));

        Assert.StartsWith($"{file}: line 6: expected 9 cells, found 4", error.Message, StringComparison.Ordinal);
    }
}
