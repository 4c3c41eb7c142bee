using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.MetricsCollector.Storage.Files;

/// <summary>
/// Runs kept as files in the thesis's layout (run / cluster / collection / metric). A run's folder,
/// <c>&lt;root&gt;/&lt;run-id&gt;/</c> unless placed elsewhere, holds the results files (summary.json, summary.txt,
/// messages.csv, histograms.hlog), the descriptor (run.json) and scenario text (scenario.properties), every
/// component's rows (records/&lt;component&gt;.csv), the collection's notes (collection.json), and every scrape in
/// Prometheus text as <c>&lt;cluster&gt;/&lt;collection&gt;/&lt;target&gt;.prom</c>.
/// </summary>
public sealed class FileRunStore : IRunStore
{
    private readonly string _root;
    private readonly (string RunId, string Folder)? _placed;
    private ArrayBufferWriter<byte>? _spareBuffer;

    /// <param name="root">The folder that holds one folder per run, named after its id.</param>
    public FileRunStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    private FileRunStore(string runId, string folder)
        : this(Path.GetDirectoryName(Path.GetFullPath(folder)) ?? folder)
    {
        _placed = (runId, Path.GetFullPath(folder));
    }

    /// <summary>A store whose run <paramref name="runId"/> is kept in <paramref name="folder"/> (the user's <c>--results</c>).</summary>
    public static FileRunStore ForRunFolder(string runId, string folder) => new(runId, folder);

    public string Location => _placed?.Folder ?? _root;

    /// <summary>The folder run <paramref name="runId"/> is kept in.</summary>
    public string FolderOf(string runId) =>
        _placed is { } placed && placed.RunId == runId ? placed.Folder : Path.Combine(_root, StoredPaths.Segment(runId));

    public async Task BeginRunAsync(RunDescriptor run, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(FolderOf(run.RunId)).FullName;
        await RunFolderFiles.WriteRunAsync(folder, run, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, RunFolderFiles.Scenario), run.ScenarioText, cancellationToken);
    }

    public Task AppendScrapesAsync(string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken)
    {
        try
        {
            AppendScrapes(runId, scrapes, cancellationToken);
            return Task.CompletedTask;
        }
        catch (Exception error)
        {
            return Task.FromException(error);
        }
    }

    private void AppendScrapes(string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken)
    {
        var folder = FolderOf(runId);
        var buffer = Interlocked.Exchange(ref _spareBuffer, null) ?? new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            foreach (var scrape in scrapes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stored = StoredScrapes.Normalise(scrape);
                var collection = Path.Combine(folder, StoredPaths.Segment(stored.Cluster), StoredPaths.CollectionOf(stored.At));
                var file = Path.Combine(collection, StoredPaths.TargetPath(stored.Target));
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                buffer.ResetWrittenCount();
                ScrapeFile.Write(stored, buffer);
                WriteNew(file, buffer.WrittenSpan);
            }
        }
        finally
        {
            _spareBuffer = buffer;
        }
    }

    public async Task CompleteRunAsync(
        string runId, RunAnalysis analysis, RunRecords records, IReadOnlyList<string> collectionNotes, CancellationToken cancellationToken)
    {
        var folder = FolderOf(runId);
        await RunResultsWriter.WriteAsync(folder, analysis, records, cancellationToken);
        var rowsFolder = Directory.CreateDirectory(Path.Combine(folder, RunFolderFiles.Records)).FullName;
        var components = new List<CollectedComponent>();
        for (var i = 0; i < records.Chain.Count; i++)
        {
            var component = records.Components[i];
            if (component is null)
            {
                components.Add(new CollectedComponent(records.Chain[i], StoredRunAnalysis.RoleAt(i, records.Chain.Count), [], Available: false, Rows: 0));
                continue;
            }

            await using (var rows = new StreamWriter(Path.Combine(rowsFolder, RowsFile(component.Name))))
            {
                ComponentRowsCsv.Write(component.Records, component.Upstream, rows);
            }

            components.Add(new CollectedComponent(component.Name, component.Role, component.Upstream, Available: true, component.Records.Count));
        }

        var collection = new CollectionFile(components, records.DrainDeadlineNanos, collectionNotes);
        await WriteJsonAsync(Path.Combine(folder, RunFolderFiles.Collection), collection, cancellationToken);
    }

    /// <summary>Whether the run was completed here (its records and notes are stored).</summary>
    public bool IsCompleted(string runId) => File.Exists(Path.Combine(FolderOf(runId), RunFolderFiles.Collection));

    public async Task<StoredRun?> LoadRunAsync(string runId, CancellationToken cancellationToken)
    {
        var folder = FolderOf(runId);
        var runFile = Path.Combine(folder, RunFolderFiles.Run);
        if (!File.Exists(runFile))
        {
            return null;
        }

        var stored = (await RunFolderFiles.ReadRunIfPresentAsync(folder, cancellationToken))!;
        var text = await File.ReadAllTextAsync(Path.Combine(folder, RunFolderFiles.Scenario), cancellationToken);
        var run = new RunDescriptor(stored.RunId, stored.Scenario, text, stored.Started, stored.Labels);
        var collectionFile = Path.Combine(folder, RunFolderFiles.Collection);
        if (!File.Exists(collectionFile))
        {
            return StoredRunAnalysis.NotCompleted(run);
        }

        var collection = await RunFolderFiles.ReadJsonAsync<CollectionFile>(collectionFile, cancellationToken);
        var components = new ComponentRecords?[collection.Components.Count];
        for (var i = 0; i < components.Length; i++)
        {
            var component = collection.Components[i];
            if (!component.Available)
            {
                continue;
            }

            var file = Path.Combine(folder, RunFolderFiles.Records, RowsFile(component.Name));
            using var rows = new StreamReader(file);
            var log = ComponentRowsCsv.Read(rows, component.Upstream.Count, file);
            components[i] = new ComponentRecords(component.Name, component.Role, log, component.Upstream);
        }

        var chain = collection.Components.Select(c => c.Name).ToArray();
        var records = new RunRecords(chain, components, collection.DrainDeadlineNanos, ReadClocks(folder, chain));
        return StoredRunAnalysis.Recompute(run, records, collection.Notes);
    }

    public async IAsyncEnumerable<Scrape> ReadScrapesAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (scrape, _) in ReadScrapeFilesAsync(runId, cancellationToken))
        {
            yield return scrape;
        }
    }

    /// <summary>
    /// Every scrape with the file it is in, ordered by time, cluster and target. One collection (second) is read at a
    /// time across clusters, so memory stays bounded however long the run.
    /// </summary>
    internal async IAsyncEnumerable<(Scrape Scrape, string File)> ReadScrapeFilesAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = FolderOf(runId);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var collections = Directory.EnumerateDirectories(folder)
            .SelectMany(cluster => Directory.EnumerateDirectories(cluster).Where(c => StoredPaths.IsCollection(Path.GetFileName(c))))
            .GroupBy(Path.GetFileName, StringComparer.Ordinal)
            .OrderBy(second => second.Key, StringComparer.Ordinal);
        foreach (var second in collections)
        {
            var read = new List<(Scrape Scrape, string File)>();
            foreach (var file in second.SelectMany(c => Directory.EnumerateFiles(c, "*" + ScrapeFile.Extension, SearchOption.AllDirectories)))
            {
                read.Add((ScrapeFile.Parse(await File.ReadAllTextAsync(file, cancellationToken), file), file));
            }

            read.Sort((a, b) => StoredScrapes.Compare(a.Scrape, b.Scrape));
            foreach (var entry in read)
            {
                yield return entry;
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static IReadOnlyList<ComponentClock>? ReadClocks(string folder, IReadOnlyList<string> chain)
    {
        try
        {
            return ClocksCsvReader.ReadIfPresent(folder, chain);
        }
        catch (FormatException error)
        {
            throw new InvalidDataException(error.Message, error);
        }
    }

    private static string RowsFile(string component) => StoredPaths.Segment(component) + ".csv";

    /// <summary>Writes a new file; a second scrape of a target in the same second goes beside it as <c>target~2.prom</c>.</summary>
    /// <remarks>Written synchronously: a scrape is tens of kilobytes into the page cache, less than an asynchronous write's own cost.</remarks>
    private static void WriteNew(string pathWithoutExtension, ReadOnlySpan<byte> text)
    {
        for (var n = 1; ; n++)
        {
            var file = pathWithoutExtension + (n == 1 ? "" : $"~{n}") + ScrapeFile.Extension;
            try
            {
                using var handle = File.OpenHandle(file, FileMode.CreateNew, FileAccess.Write);
                RandomAccess.Write(handle, text, fileOffset: 0);
                return;
            }
            catch (IOException) when (File.Exists(file))
            {
            }
        }
    }

    private static async Task WriteJsonAsync<T>(string file, T value, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, value, RunFolderFiles.Json, cancellationToken);
    }
}
