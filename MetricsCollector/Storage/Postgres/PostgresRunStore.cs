using System.Text.Json;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Scenarios;
using Npgsql;
using NpgsqlTypes;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>
/// Runs kept in PostgreSQL (schema <c>meshaspire</c>, see <see cref="PostgresSchema"/>): the run and its scenario
/// text, every scrape and sample, every component's rows and clock, and the collection notes. The schema is brought up to date
/// before the first operation. Every operation is bounded by the connection string's timeouts; a database that is
/// away surfaces as an <see cref="NpgsqlException"/> (see <see cref="IsAway"/>).
/// </summary>
public sealed class PostgresRunStore : IRunStore
{
    public const string ConnectionName = "runstore";

    /// <summary>The configuration key of the connection string: when set, runs go to PostgreSQL.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionName;

    private readonly NpgsqlDataSource _database;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private readonly SemaphoreSlim _appending = new(1, 1);
    private readonly SeriesIds _series = new();
    private bool _migrated;

    private PostgresRunStore(NpgsqlDataSource database, string location)
    {
        _database = database;
        Location = location;
    }

    public string Location { get; }

    /// <summary>A store over the database the connection string names; nothing is opened yet.</summary>
    /// <exception cref="ArgumentException">The connection string does not read (the message names the bad part).</exception>
    public static PostgresRunStore Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException("it names no Host");
        }

        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = 5;
            builder.CommandTimeout = 60;
        }

        var location = $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        return new PostgresRunStore(NpgsqlDataSource.Create(builder), location);
    }

    /// <summary>Whether an error means the database is away (down, unreachable, restarting), not that a request was wrong.</summary>
    public static bool IsAway(Exception error) => error switch
    {
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException => true,
        TimeoutException or IOException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    /// <summary>Drops pooled connections, which a server that went away has broken.</summary>
    public void ForgetConnections() => _database.Clear();

    /// <summary>Brings the schema up to date (once per store; a later call does nothing).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migration.WaitAsync(cancellationToken);
        try
        {
            if (!_migrated)
            {
                await PostgresSchema.MigrateAsync(_database, cancellationToken);
                _migrated = true;
            }
        }
        finally
        {
            _migration.Release();
        }
    }

    public async Task BeginRunAsync(RunDescriptor run, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await using var command = _database.CreateCommand("""
            INSERT INTO meshaspire.runs (run_id, scenario, scenario_text, started, labels) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (run_id) DO UPDATE SET scenario = $2, scenario_text = $3, started = $4, labels = $5
            """);
        command.Parameters.Add(new() { Value = run.RunId });
        command.Parameters.Add(new() { Value = run.Scenario });
        command.Parameters.Add(new() { Value = run.ScenarioText });
        command.Parameters.Add(new() { Value = StoredScrapes.ToMicroseconds(run.Started), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(run.Labels), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await _appending.WaitAsync(cancellationToken);
        _series.Forget(run.RunId);
        _appending.Release();
    }

    public Task AppendScrapesAsync(string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken) =>
        WriteScrapesAsync(runId, scrapes, replacing: false, cancellationToken);

    /// <summary>
    /// Appends the scrapes in place of any the run already holds with the same cluster, target, kind and time: for
    /// scrapes written again after an append whose outcome was unknown (its commit may have landed without an answer).
    /// </summary>
    public Task ReplaceScrapesAsync(string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken) =>
        WriteScrapesAsync(runId, scrapes, replacing: true, cancellationToken);

    private async Task WriteScrapesAsync(string runId, IReadOnlyList<Scrape> scrapes, bool replacing, CancellationToken cancellationToken)
    {
        if (scrapes.Count == 0)
        {
            return;
        }

        await MigrateAsync(cancellationToken);
        var stored = scrapes.Select(StoredScrapes.Normalise).ToArray();
        await _appending.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await PostgresScrapes.AppendAsync(connection, runId, stored, _series, replacing, cancellationToken);
        }
        finally
        {
            _appending.Release();
        }
    }

    /// <summary>Replaces whatever an earlier completion of the run stored, in one transaction.</summary>
    public async Task CompleteRunAsync(
        string runId, RunAnalysis analysis, RunRecords records, IReadOnlyList<string> collectionNotes, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand(
            "UPDATE meshaspire.runs SET completed = now(), drain_deadline_ns = $2, summary = $3 WHERE run_id = $1", connection))
        {
            update.Parameters.Add(new() { Value = runId });
            update.Parameters.Add(new() { Value = (object?)records.DrainDeadlineNanos ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            update.Parameters.Add(new() { Value = JsonSerializer.Serialize(analysis.Summary, RunResultsWriter.Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new InvalidOperationException($"run {runId} was never begun in {Location}");
            }
        }

        var batch = new NpgsqlBatch(connection);
        foreach (var table in new[] { "run_components", "collection_notes", "component_clocks", "message_rows" })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM meshaspire.{table} WHERE run_id = $1") { Parameters = { new() { Value = runId } } });
        }

        for (var i = 0; i < records.Chain.Count; i++)
        {
            var component = records.Components[i];
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO meshaspire.run_components (run_id, position, name, role, upstream, available) VALUES ($1, $2, $3, $4, $5, $6)")
            {
                Parameters =
                {
                    new() { Value = runId },
                    new() { Value = i },
                    new() { Value = records.Chain[i] },
                    new() { Value = (component?.Role ?? StoredRunAnalysis.RoleAt(i, records.Chain.Count)).ToString().ToLowerInvariant() },
                    new() { Value = component?.Upstream.ToArray() ?? [], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { Value = component is not null },
                },
            });
        }

        for (var i = 0; i < collectionNotes.Count; i++)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO meshaspire.collection_notes (run_id, position, note) VALUES ($1, $2, $3)")
            {
                Parameters = { new() { Value = runId }, new() { Value = i }, new() { Value = collectionNotes[i] } },
            });
        }

        if (records.Clocks is { } clocks)
        {
            PostgresClocks.AddInserts(batch, runId, clocks);
        }

        await using (batch)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await PostgresMessageRows.WriteAsync(connection, runId, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<StoredRun?> LoadRunAsync(string runId, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        RunDescriptor run;
        long? drainDeadline;
        bool completed;
        await using (var command = new NpgsqlCommand(
            "SELECT scenario, scenario_text, started, labels::text, completed IS NOT NULL, drain_deadline_ns FROM meshaspire.runs WHERE run_id = $1", connection))
        {
            command.Parameters.Add(new() { Value = runId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3)) ?? [];
            run = new RunDescriptor(runId, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), labels);
            completed = reader.GetBoolean(4);
            drainDeadline = reader.IsDBNull(5) ? null : reader.GetInt64(5);
        }

        if (!completed)
        {
            return StoredRunAnalysis.NotCompleted(run);
        }

        var components = new List<(string Name, ComponentRole Role, string[] Upstream, bool Available)>();
        await using (var command = new NpgsqlCommand(
            "SELECT name, role, upstream, available FROM meshaspire.run_components WHERE run_id = $1 ORDER BY position", connection))
        {
            command.Parameters.Add(new() { Value = runId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                components.Add((reader.GetString(0), Enum.Parse<ComponentRole>(reader.GetString(1), ignoreCase: true), reader.GetFieldValue<string[]>(2), reader.GetBoolean(3)));
            }
        }

        var notes = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT note FROM meshaspire.collection_notes WHERE run_id = $1 ORDER BY position", connection))
        {
            command.Parameters.Add(new() { Value = runId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add(reader.GetString(0));
            }
        }

        var loaded = new ComponentRecords?[components.Count];
        for (var i = 0; i < loaded.Length; i++)
        {
            var (name, role, upstream, available) = components[i];
            if (available)
            {
                var log = await PostgresMessageRows.ReadAsync(connection, runId, name, upstream.Length, cancellationToken);
                loaded[i] = new ComponentRecords(name, role, log, upstream);
            }
        }

        var chain = components.Select(c => c.Name).ToArray();
        var clocks = await PostgresClocks.ReadAsync(connection, runId, chain, cancellationToken);
        var records = new RunRecords(chain, loaded, drainDeadline, clocks);
        return StoredRunAnalysis.Recompute(run, records, notes);
    }

    public async IAsyncEnumerable<Scrape> ReadScrapesAsync(string runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await foreach (var scrape in PostgresScrapes.ReadAsync(_database, runId, cancellationToken))
        {
            yield return scrape;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _migration.Dispose();
        _appending.Dispose();
    }
}
