using System.Runtime.CompilerServices;
using System.Text.Json;
using MeshAspire.MetricsCollector.Scraping;
using Npgsql;
using NpgsqlTypes;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>
/// Scrapes in and out of PostgreSQL, written with binary COPY: one row per series new to the run (name and labels),
/// one row per scrape with its samples as arrays (series ids, values, and the samples' own times when any has one).
/// </summary>
internal static class PostgresScrapes
{
    private const NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;

    /// <summary>
    /// Writes the scrapes (already normalised) in one transaction, all of them or none: the series
    /// <paramref name="series"/> has not seen for the run, then one row per scrape. <paramref name="replacing"/>
    /// first deletes the run's scrapes of the same cluster, target, kind and time, so writing a scrape again (one
    /// whose first write committed though its answer was lost) leaves one copy.
    /// </summary>
    public static async Task AppendAsync(
        NpgsqlConnection connection, string runId, IReadOnlyList<Scrape> scrapes, SeriesIds series, bool replacing, CancellationToken cancellationToken)
    {
        var (seriesOf, fresh) = FindSeries(runId, scrapes, series);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (replacing)
        {
            await DeleteSameScrapesAsync(connection, runId, scrapes, cancellationToken);
        }

        var freshIds = await AllocateIdsAsync(connection, "meshaspire.series_ids", fresh.Count, cancellationToken);
        for (var k = 0; k < seriesOf.Length; k++)
        {
            if (seriesOf[k] < 0)
            {
                seriesOf[k] = freshIds[-seriesOf[k] - 1];
            }
        }

        if (fresh.Count > 0)
        {
            await using var rows = await connection.BeginBinaryImportAsync(
                "COPY meshaspire.series (series_id, run_id, name, label_names, label_values) FROM STDIN (FORMAT BINARY)", cancellationToken);
            WriteSeries(rows, runId, fresh, freshIds);
            await rows.CompleteAsync(cancellationToken);
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY meshaspire.scrapes (run_id, cluster, target, kind, at, failure, series_ids, sample_values, sample_times) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            WriteScrapes(rows, runId, scrapes, seriesOf);
            await rows.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        series.AddCommitted(runId, fresh.Select((key, i) => (key, freshIds[i])));
    }

    private static async Task DeleteSameScrapesAsync(NpgsqlConnection connection, string runId, IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM meshaspire.scrapes s
            USING unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS same(cluster, target, kind, at)
            WHERE s.run_id = $1 AND s.at = same.at AND s.cluster = same.cluster AND s.target = same.target AND s.kind = same.kind
            """, connection)
        {
            Parameters =
            {
                new() { Value = runId },
                new() { Value = scrapes.Select(s => s.Cluster).ToArray() },
                new() { Value = scrapes.Select(s => s.Target).ToArray() },
                new() { Value = scrapes.Select(s => KindName(s.Kind)).ToArray() },
                new() { Value = scrapes.Select(s => s.At.UtcDateTime).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
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
    /// One row per scrape with its samples as three arrays, written synchronously: per-field async writes cost more
    /// than the rare wait for the socket, which this blocks on only when Npgsql's write buffer is full.
    /// </summary>
    private static void WriteScrapes(NpgsqlBinaryImporter rows, string runId, IReadOnlyList<Scrape> scrapes, long[] seriesOf)
    {
        var first = 0;
        for (var i = 0; i < scrapes.Count; i++)
        {
            var scrape = scrapes[i];
            var samples = scrape.Samples;
            var values = new double[samples.Count];
            DateTime?[]? times = null;
            for (var s = 0; s < samples.Count; s++)
            {
                values[s] = samples[s].Value;
                if (samples[s].Timestamp is { } at)
                {
                    times ??= new DateTime?[samples.Count];
                    times[s] = at.UtcDateTime;
                }
            }

            rows.StartRow();
            rows.Write(runId, NpgsqlDbType.Text);
            rows.Write(scrape.Cluster, NpgsqlDbType.Text);
            rows.Write(scrape.Target, NpgsqlDbType.Text);
            rows.Write(KindName(scrape.Kind), NpgsqlDbType.Text);
            rows.Write(scrape.At, NpgsqlDbType.TimestampTz);
            WriteNullable(rows, scrape.Failure, NpgsqlDbType.Text);
            rows.Write(seriesOf.AsSpan(first, samples.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            rows.Write(values, NpgsqlDbType.Array | NpgsqlDbType.Double);
            WriteNullable(rows, times, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            first += samples.Count;
        }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter rows, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            rows.WriteNull();
        }
        else
        {
            rows.Write(value, type);
        }
    }

    /// <summary>
    /// Every scrape of the run with its samples, ordered by time, cluster and target: the run's series first (one label
    /// array per series, shared by its samples), then one pass over the scrapes.
    /// </summary>
    public static async IAsyncEnumerable<Scrape> ReadAsync(NpgsqlDataSource database, string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var series = await ReadSeriesAsync(connection, runId, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT cluster, target, kind, at, failure, series_ids, sample_values, sample_times
            FROM meshaspire.scrapes
            WHERE run_id = $1
            ORDER BY at, cluster, target, scrape_id
            """, connection)
        {
            Parameters = { new() { Value = runId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ids = reader.GetFieldValue<long[]>(5);
            var values = reader.GetFieldValue<double[]>(6);
            var times = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTime?[]>(7);
            var samples = new MetricSample[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                var (name, labels) = series.TryGetValue(ids[i], out var known)
                    ? known
                    : throw new InvalidDataException($"meshaspire.scrapes: run {runId} names series {ids[i]}, which meshaspire.series does not have");
                samples[i] = new MetricSample(name, labels, values[i], times?[i] is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
            }

            yield return new Scrape(
                reader.GetString(0),
                reader.GetString(1),
                ParseKind(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                samples,
                reader.IsDBNull(4) ? null : reader.GetString(4));
        }
    }

    private static async Task<Dictionary<long, (string Name, KeyValuePair<string, string>[] Labels)>> ReadSeriesAsync(
        NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT series_id, name, label_names, label_values FROM meshaspire.series WHERE run_id = $1", connection)
        {
            Parameters = { new() { Value = runId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var series = new Dictionary<long, (string, KeyValuePair<string, string>[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var names = reader.GetFieldValue<string[]>(2);
            var values = reader.GetFieldValue<string[]>(3);
            var labels = new KeyValuePair<string, string>[names.Length];
            for (var l = 0; l < names.Length; l++)
            {
                labels[l] = new(names[l], values[l]);
            }

            series[reader.GetInt64(0)] = (reader.GetString(1), labels);
        }

        return series;
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

    private static string KindName(ScrapeKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    private static ScrapeKind ParseKind(string name) =>
        Enum.TryParse<ScrapeKind>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var kind)
            ? kind
            : throw new InvalidDataException($"meshaspire.scrapes: unknown kind '{name}'");
}
