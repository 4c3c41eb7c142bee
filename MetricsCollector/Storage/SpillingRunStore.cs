using System.Runtime.CompilerServices;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Storage.Postgres;
using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>
/// PostgreSQL first, files while it is away: a scrape PostgreSQL cannot take is written to a spill folder (the file
/// store's layout) and loaded into PostgreSQL once it answers again, tried again with a doubling backoff on later
/// appends and, at completion, until <see cref="SpillOptions.CompletionPatience"/> has passed. If PostgreSQL is still
/// away then, the whole run is completed in the spill folder instead, so nothing is lost either way. An append whose
/// commit landed though its answer was lost is spilled as well: loading replaces it, and reading merges it, so it is
/// stored and read once. Every outage becomes a collection note. Every call to PostgreSQL is bounded by
/// <see cref="SpillOptions.OperationTimeout"/>. Also writes the run's results folder (summary.json, summary.txt,
/// messages.csv, histograms.hlog) at completion.
/// </summary>
public sealed partial class SpillingRunStore : IRunStore
{
    private const int LoadBatch = 200;

    private readonly PostgresRunStore _primary;
    private readonly FileRunStore _spill;
    private readonly string _resultsFolder;
    private readonly SpillOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _notes = [];

    private RunDescriptor? _run;
    private bool _begunInPrimary;
    private Outage? _outage;
    private TimeSpan _backoff;
    private DateTimeOffset _retryAt;

    public SpillingRunStore(PostgresRunStore primary, string spillRoot, string resultsFolder, SpillOptions options, TimeProvider clock, ILogger logger)
    {
        _primary = primary;
        _spill = new FileRunStore(spillRoot);
        _resultsFolder = resultsFolder;
        _options = options;
        _clock = clock;
        _logger = logger;
        _backoff = options.FirstBackoff;
    }

    public string Location => _primary.Location;

    /// <summary>What happened to PostgreSQL so far, as the notes the run will carry.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The folder scrapes spill to while PostgreSQL is away (and a run completed without it is kept in).</summary>
    public string SpillFolderOf(string runId) => _spill.FolderOf(runId);

    public async Task BeginRunAsync(RunDescriptor run, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _run = run;
            await _spill.BeginRunAsync(run, cancellationToken);
            await TryCatchUpAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task AppendScrapesAsync(string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if ((_outage is null || _clock.GetUtcNow() >= _retryAt) && await TryCatchUpAsync(cancellationToken)
                && await TryPrimaryAsync(token => _primary.AppendScrapesAsync(runId, scrapes, token), cancellationToken))
            {
                return;
            }

            await _spill.AppendScrapesAsync(runId, scrapes, cancellationToken);
            _outage!.Spilled += scrapes.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CompleteRunAsync(
        string runId, RunAnalysis analysis, RunRecords records, IReadOnlyList<string> collectionNotes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var run = _run ?? throw new InvalidOperationException($"run {runId} was never begun");
            var giveUpAt = _clock.GetUtcNow() + _options.CompletionPatience;
            while (!await TryCatchUpAsync(cancellationToken) && _clock.GetUtcNow() + _backoff < giveUpAt)
            {
                await Task.Delay(_backoff, _clock, cancellationToken);
            }

            var inPrimary = _outage is null;
            if (!inPrimary)
            {
                var spilled = _spill.FolderOf(runId);
                _notes.Add($"{_primary.Location} still away at the end of the run ({_outage!.Reason}): the run is kept in files at {spilled} "
                    + $"({_outage.Spilled} scrapes since {_outage.Since:HH:mm:ss} UTC; those before are in PostgreSQL too)");
            }

            var notes = _notes.Count == 0 ? collectionNotes : [.. collectionNotes, .. _notes];
            var final = _notes.Count == 0 ? analysis : StoredRunAnalysis.Recompute(run, records, notes).Analysis;
            if (inPrimary && await TryPrimaryAsync(token => _primary.CompleteRunAsync(runId, final, records, notes, token), cancellationToken))
            {
                DeleteSpillFolder(runId);
            }
            else
            {
                await _spill.CompleteRunAsync(runId, final, records, notes, cancellationToken);
            }

            await RunResultsWriter.WriteAsync(_resultsFolder, final, records, cancellationToken);
            await RunFolderFiles.WriteRunAsync(_resultsFolder, run, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The run from the spill folder when it was completed there, else from PostgreSQL.</summary>
    public async Task<StoredRun?> LoadRunAsync(string runId, CancellationToken cancellationToken) =>
        _spill.IsCompleted(runId)
            ? await _spill.LoadRunAsync(runId, cancellationToken)
            : await _primary.LoadRunAsync(runId, cancellationToken) ?? await _spill.LoadRunAsync(runId, cancellationToken);

    /// <summary>
    /// The scrapes PostgreSQL holds merged in time order with any still in the spill folder; a scrape in both (an
    /// append whose commit landed though its answer was lost) comes once.
    /// </summary>
    public async IAsyncEnumerable<Scrape> ReadScrapesAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var primary = _primary.ReadScrapesAsync(runId, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var spilled = _spill.ReadScrapesAsync(runId, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var hasPrimary = await primary.MoveNextAsync();
        var hasSpilled = await spilled.MoveNextAsync();
        while (hasPrimary || hasSpilled)
        {
            var order = hasPrimary && hasSpilled ? StoredScrapes.Compare(primary.Current, spilled.Current) : 0;
            if (hasPrimary && hasSpilled && order == 0 && primary.Current.Kind == spilled.Current.Kind)
            {
                yield return primary.Current;
                hasPrimary = await primary.MoveNextAsync();
                hasSpilled = await spilled.MoveNextAsync();
            }
            else if (hasPrimary && (!hasSpilled || order <= 0))
            {
                yield return primary.Current;
                hasPrimary = await primary.MoveNextAsync();
            }
            else
            {
                yield return spilled.Current;
                hasSpilled = await spilled.MoveNextAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _primary.DisposeAsync();
        _gate.Dispose();
    }

    /// <summary>Begins the run in PostgreSQL if it is not yet, then loads every spilled scrape; false if PostgreSQL is still away.</summary>
    private async Task<bool> TryCatchUpAsync(CancellationToken cancellationToken)
    {
        var run = _run!;
        if (!_begunInPrimary)
        {
            if (!await TryPrimaryAsync(token => _primary.BeginRunAsync(run, token), cancellationToken))
            {
                return false;
            }

            _begunInPrimary = true;
        }

        if (_outage is not { } outage)
        {
            return true;
        }

        var batch = new List<(Scrape Scrape, string File)>(LoadBatch);
        await foreach (var spilled in _spill.ReadScrapeFilesAsync(run.RunId, cancellationToken))
        {
            batch.Add(spilled);
            if (batch.Count == LoadBatch && !await LoadAsync(batch, cancellationToken))
            {
                return false;
            }
        }

        if (!await LoadAsync(batch, cancellationToken))
        {
            return false;
        }

        var back = _clock.GetUtcNow();
        _notes.Add($"{_primary.Location} was away from {outage.Since:HH:mm:ss} to {back:HH:mm:ss} UTC ({outage.Reason}): "
            + $"{outage.Spilled} scrapes spilled to files and loaded when it returned");
        LogBack(_primary.Location, outage.Spilled);
        _outage = null;
        _backoff = _options.FirstBackoff;
        return true;
    }

    private async Task<bool> LoadAsync(List<(Scrape Scrape, string File)> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return true;
        }

        var scrapes = batch.Select(b => b.Scrape).ToArray();
        if (!await TryPrimaryAsync(token => _primary.ReplaceScrapesAsync(_run!.RunId, scrapes, token), cancellationToken))
        {
            return false;
        }

        foreach (var (_, file) in batch)
        {
            File.Delete(file);
        }

        batch.Clear();
        return true;
    }

    /// <summary>Runs one call to PostgreSQL within the operation timeout; false, with the outage noted, if it is away.</summary>
    private async Task<bool> TryPrimaryAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_options.OperationTimeout);
        try
        {
            await call(bounded.Token);
            return true;
        }
        catch (Exception error) when (PostgresRunStore.IsAway(error) || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = error is OperationCanceledException ? $"no answer within {_options.OperationTimeout.TotalSeconds:0.#} s" : error.Message;
            if (_outage is null)
            {
                _outage = new Outage(_clock.GetUtcNow(), reason);
                LogAway(_primary.Location, reason);
            }
            else
            {
                _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.LastBackoff.Ticks));
            }

            _retryAt = _clock.GetUtcNow() + _backoff;
            _primary.ForgetConnections();
            return false;
        }
    }

    /// <summary>The run's spill folder, and the spill root with it when no other run is in it.</summary>
    private void DeleteSpillFolder(string runId)
    {
        var folder = _spill.FolderOf(runId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        if (Directory.Exists(_spill.Location) && !Directory.EnumerateFileSystemEntries(_spill.Location).Any())
        {
            Directory.Delete(_spill.Location);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Store} is away ({Reason}): scrapes spill to files until it answers")]
    private partial void LogAway(string store, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Store} is back: {Scrapes} spilled scrapes loaded")]
    private partial void LogBack(string store, long scrapes);

    private sealed class Outage(DateTimeOffset since, string reason)
    {
        public DateTimeOffset Since { get; } = since;

        public string Reason { get; } = reason;

        public long Spilled { get; set; }
    }
}
