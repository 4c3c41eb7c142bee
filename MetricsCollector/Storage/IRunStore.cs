using MeshAspire.Workflow.Accounting;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>
/// Where a run is kept: its description when it starts, every scrape while it goes on, its records and summary
/// when it ends; and the same read back for the report. Two stores: PostgreSQL when a connection string is given,
/// files in the thesis's layout otherwise.
/// </summary>
public interface IRunStore : IAsyncDisposable
{
    /// <summary>Where this store keeps runs, for logs and notes (never with credentials).</summary>
    string Location { get; }

    Task BeginRunAsync(RunDescriptor run, CancellationToken cancellationToken);

    /// <summary>Appends scrapes of any target; called many times while the run goes on, in time order per target.</summary>
    Task AppendScrapesAsync(string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken);

    /// <summary>
    /// Stores what the run measured: its summary (and histograms), every component's per-message rows, and the notes
    /// the collection itself made (timeouts, failed scrapes), which a reload passes to the accounting again.
    /// </summary>
    Task CompleteRunAsync(
        string runId, RunAnalysis analysis, RunRecords records, IReadOnlyList<string> collectionNotes, CancellationToken cancellationToken);

    /// <summary>The run as stored, or null when this store has no run by that id.</summary>
    Task<StoredRun?> LoadRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Every scrape of the run, in time order per target.</summary>
    IAsyncEnumerable<Scrape> ReadScrapesAsync(string runId, CancellationToken cancellationToken);
}
