using System.Runtime.CompilerServices;
using System.Text.Json;
using MeshAspire.MetricsCollector.Scraping;
using Npgsql;
using NpgsqlTypes;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>
/// Scrapes in and out of PostgreSQL: one row per scrape, one per series new to the run (name and labels), one per
/// sample (series id and value), written with binary COPY.
/// </summary>
internal static class PostgresScrapes
{
    private const NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;

    /// <summary>
    /// Writes the scrapes (already normalised) in one transaction, all of them or none: the scrape rows, the series
    /// <paramref name="series"/> has not seen for the run, then each sample as its series' id and value.
    /// </summary>
    public static async Task AppendAsync(
        NpgsqlConnection connection, string runId, IReadOnlyList<Scrape> scrapes, SeriesIds series, CancellationToken cancellationToken)
    {
        var (seriesOf, fresh) = FindSeries(runId, scrapes, series);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await AllocateIdsAsync(connection, "meshaspire.scrape_ids", scrapes.Count, cancellationToken);
        var freshIds = await AllocateIdsAsync(connection, "meshaspire.series_ids", fresh.Count, cancellationToken);
        for (var k = 0; k < seriesOf.Length; k++)
        {
            if (seriesOf[k] < 0)
            {
                seriesOf[k] = freshIds[-seriesOf[k] - 1];
            }
        }

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

        if (fresh.Count > 0)
        {
            await using var rows = await connection.BeginBinaryImportAsync(
                "COPY meshaspire.series (series_id, run_id, name, label_names, label_values) FROM STDIN (FORMAT BINARY)", cancellationToken);
            WriteSeries(rows, runId, fresh, freshIds);
            await rows.CompleteAsync(cancellationToken);
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY meshaspire.samples (scrape_id, ordinal, series_id, value, sample_time) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            WriteSamples(rows, scrapes, ids, seriesOf);
            await rows.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        series.AddCommitted(runId, fresh.Select((key, i) => (key, freshIds[i])));
    }

    /// <summary>
    /// Each sample's series id in scrape order: a known id, or −(n + 1) for the n-th series new to the run, listed in
    /// <c>Fresh</c> once however often it occurs.
    /// </summary>
    private static (long[] SeriesOf, List<SeriesKey> Fresh) FindSeries(string runId, IReadOnlyList<Scrape> scrapes, SeriesIds series)
    {
        var seriesOf = new long[scrapes.Sum(s => s.Samples.Count)];
        var fresh = new List<SeriesKey>();
        var freshIndex = new Dictionary<SeriesKey, int>();
        var k = 0;
        foreach (var scrape in scrapes)
        {
            foreach (var sample in scrape.Samples)
            {
                var key = SeriesKey.Of(sample);
                if (series.TryGet(runId, key, out var id))
                {
                    seriesOf[k++] = id;
                    continue;
                }

                if (!freshIndex.TryGetValue(key, out var index))
                {
                    index = fresh.Count;
                    freshIndex[key] = index;
                    fresh.Add(key);
                }

                seriesOf[k++] = -(index + 1);
            }
        }

        return (seriesOf, fresh);
    }

    private static void WriteSeries(NpgsqlBinaryImporter rows, string runId, List<SeriesKey> fresh, long[] ids)
    {
        var names = new List<string>();
        var values = new List<string>();
        for (var i = 0; i < fresh.Count; i++)
        {
            names.Clear();
            values.Clear();
            foreach (var (name, value) in fresh[i].Labels)
            {
                names.Add(name);
                values.Add(value);
            }

            rows.StartRow();
            rows.Write(ids[i], NpgsqlDbType.Bigint);
            rows.Write(runId, NpgsqlDbType.Text);
            rows.Write(fresh[i].Name, NpgsqlDbType.Text);
            rows.Write(names, TextArray);
            rows.Write(values, TextArray);
        }
    }

    /// <summary>
    /// The samples, written synchronously: per-field async writes cost more than the rare wait for the socket, which
    /// this blocks on only when Npgsql's write buffer is full.
    /// </summary>
    private static void WriteSamples(NpgsqlBinaryImporter rows, IReadOnlyList<Scrape> scrapes, long[] ids, long[] seriesOf)
    {
        var k = 0;
        for (var i = 0; i < scrapes.Count; i++)
        {
            var samples = scrapes[i].Samples;
            for (var s = 0; s < samples.Count; s++)
            {
                var sample = samples[s];
                rows.StartRow();
                rows.Write(ids[i], NpgsqlDbType.Bigint);
                rows.Write(s, NpgsqlDbType.Integer);
                rows.Write(seriesOf[k++], NpgsqlDbType.Bigint);
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
                   sa.series_id, se.name, se.label_names, se.label_values, sa.value, sa.sample_time
            FROM meshaspire.scrapes sc LEFT JOIN meshaspire.samples sa USING (scrape_id) LEFT JOIN meshaspire.series se USING (series_id)
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
        var series = new Dictionary<long, (string Name, KeyValuePair<string, string>[] Labels)>();
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
                var seriesId = reader.GetInt64(6);
                if (!series.TryGetValue(seriesId, out var known))
                {
                    var names = reader.GetFieldValue<string[]>(8);
                    var values = reader.GetFieldValue<string[]>(9);
                    var labels = new KeyValuePair<string, string>[names.Length];
                    for (var l = 0; l < names.Length; l++)
                    {
                        labels[l] = new(names[l], values[l]);
                    }

                    series[seriesId] = known = (reader.GetString(7), labels);
                }

                samples.Add(new MetricSample(
                    known.Name,
                    known.Labels,
                    reader.GetDouble(10),
                    reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11)));
            }
        }

        if (scrape is not null)
        {
            yield return scrape with { Samples = samples.ToArray() };
        }
    }

    private static async Task<long[]> AllocateIdsAsync(NpgsqlConnection connection, string sequence, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand($"SELECT nextval('{sequence}') FROM generate_series(1, $1)", connection)
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
