using System.Runtime.CompilerServices;
using System.Text.Json;
using MeshAspire.MetricsCollector.Scraping;
using Npgsql;
using NpgsqlTypes;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>Scrapes in and out of PostgreSQL: one row per scrape, one per sample, written with binary COPY.</summary>
internal static class PostgresScrapes
{
    private const NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;

    /// <summary>Writes the scrapes (already normalised) in one transaction: all of them or none.</summary>
    public static async Task AppendAsync(NpgsqlConnection connection, string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await AllocateIdsAsync(connection, scrapes.Count, cancellationToken);

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY meshaspire.scrapes (scrape_id, run_id, cluster, target, kind, at, failure) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < scrapes.Count; i++)
            {
                var scrape = scrapes[i];
                await rows.StartRowAsync(cancellationToken);
                await rows.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(runId, NpgsqlDbType.Text, cancellationToken);
                await rows.WriteAsync(scrape.Cluster, NpgsqlDbType.Text, cancellationToken);
                await rows.WriteAsync(scrape.Target, NpgsqlDbType.Text, cancellationToken);
                await rows.WriteAsync(KindName(scrape.Kind), NpgsqlDbType.Text, cancellationToken);
                await rows.WriteAsync(scrape.At, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(rows, scrape.Failure, NpgsqlDbType.Text, cancellationToken);
            }

            await rows.CompleteAsync(cancellationToken);
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY meshaspire.samples (scrape_id, ordinal, name, label_names, label_values, value, sample_time) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            WriteSamples(rows, scrapes, ids);
            await rows.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The samples, written synchronously: per-field async writes cost more than the rare wait for the socket, which
    /// this blocks on only when Npgsql's write buffer is full.
    /// </summary>
    private static void WriteSamples(NpgsqlBinaryImporter rows, IReadOnlyList<Scrape> scrapes, long[] ids)
    {
        var names = new List<string>();
        var values = new List<string>();
        for (var i = 0; i < scrapes.Count; i++)
        {
            var samples = scrapes[i].Samples;
            for (var s = 0; s < samples.Count; s++)
            {
                var sample = samples[s];
                names.Clear();
                values.Clear();
                foreach (var (name, value) in sample.Labels)
                {
                    names.Add(name);
                    values.Add(value);
                }

                rows.StartRow();
                rows.Write(ids[i], NpgsqlDbType.Bigint);
                rows.Write(s, NpgsqlDbType.Integer);
                rows.Write(sample.Name, NpgsqlDbType.Text);
                rows.Write(names, TextArray);
                rows.Write(values, TextArray);
                rows.Write(sample.Value, NpgsqlDbType.Double);
                if (sample.Timestamp is { } at)
                {
                    rows.Write(at, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    rows.WriteNull();
                }
            }
        }
    }

    /// <summary>Every scrape of the run with its samples, ordered by time, cluster and target; one pass over one query.</summary>
    public static async IAsyncEnumerable<Scrape> ReadAsync(NpgsqlDataSource database, string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT sc.scrape_id, sc.cluster, sc.target, sc.kind, sc.at, sc.failure,
                   sa.name, sa.label_names, sa.label_values, sa.value, sa.sample_time
            FROM meshaspire.scrapes sc LEFT JOIN meshaspire.samples sa USING (scrape_id)
            WHERE sc.run_id = $1
            ORDER BY sc.at, sc.cluster, sc.target, sc.scrape_id, sa.ordinal
            """, connection)
        {
            Parameters = { new() { Value = runId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long current = -1;
        Scrape? scrape = null;
        var samples = new List<MetricSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (id != current)
            {
                if (scrape is not null)
                {
                    yield return scrape with { Samples = samples.ToArray() };
                }

                current = id;
                samples.Clear();
                scrape = new Scrape(
                    reader.GetString(1),
                    reader.GetString(2),
                    ParseKind(reader.GetString(3)),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    [],
                    reader.IsDBNull(5) ? null : reader.GetString(5));
            }

            if (!reader.IsDBNull(6))
            {
                var names = reader.GetFieldValue<string[]>(7);
                var values = reader.GetFieldValue<string[]>(8);
                var labels = new KeyValuePair<string, string>[names.Length];
                for (var l = 0; l < names.Length; l++)
                {
                    labels[l] = new(names[l], values[l]);
                }

                samples.Add(new MetricSample(
                    reader.GetString(6),
                    labels,
                    reader.GetDouble(9),
                    reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)));
            }
        }

        if (scrape is not null)
        {
            yield return scrape with { Samples = samples.ToArray() };
        }
    }

    private static async Task<long[]> AllocateIdsAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT nextval('meshaspire.scrape_ids') FROM generate_series(1, $1)", connection)
        {
            Parameters = { new() { Value = count } },
        };
        var ids = new long[count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
        {
            ids[i] = reader.GetInt64(0);
        }

        return ids;
    }

    internal static async Task WriteNullableAsync(NpgsqlBinaryImporter rows, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await rows.WriteNullAsync(cancellationToken);
        }
        else
        {
            await rows.WriteAsync(value, type, cancellationToken);
        }
    }

    private static string KindName(ScrapeKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    private static ScrapeKind ParseKind(string name) =>
        Enum.TryParse<ScrapeKind>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var kind)
            ? kind
            : throw new InvalidDataException($"meshaspire.scrapes: unknown kind '{name}'");
}
