using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using Npgsql;
using NpgsqlTypes;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>Every component's rows in and out of <c>meshaspire.message_rows</c>, by binary COPY both ways.</summary>
internal static class PostgresMessageRows
{
    public static async Task WriteAsync(NpgsqlConnection connection, string runId, RunRecords records, CancellationToken cancellationToken)
    {
        await using var rows = await connection.BeginBinaryImportAsync("""
            COPY meshaspire.message_rows (run_id, component, row_index, sequence, repetition, outcome,
                intended_ns, sent_ns, received_ns, forwarded_ns, acknowledged_ns, upstream_stamps) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var component in records.Components)
        {
            if (component is null)
            {
                continue;
            }

            var log = component.Records;
            for (long i = 0; i < log.Count; i++)
            {
                var row = log[i];
                await rows.StartRowAsync(cancellationToken);
                await rows.WriteAsync(runId, NpgsqlDbType.Text, cancellationToken);
                await rows.WriteAsync(component.Name, NpgsqlDbType.Text, cancellationToken);
                await rows.WriteAsync(i, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(row.Repetition, NpgsqlDbType.Integer, cancellationToken);
                await rows.WriteAsync((short)row.Outcome, NpgsqlDbType.Smallint, cancellationToken);
                await rows.WriteAsync(row.IntendedNanos, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(row.SentNanos, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(row.ReceivedNanos, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(row.ForwardedNanos, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(row.AcknowledgedNanos, NpgsqlDbType.Bigint, cancellationToken);
                if (log.StampsPerRecord > 0)
                {
                    await rows.WriteAsync(log.StampsOf(i).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken);
                }
                else
                {
                    await rows.WriteNullAsync(cancellationToken);
                }
            }
        }

        await rows.CompleteAsync(cancellationToken);
    }

    public static async Task<RecordLog> ReadAsync(NpgsqlConnection connection, string runId, string component, int upstreamCount, CancellationToken cancellationToken)
    {
        var log = new RecordLog(2 * upstreamCount);
        var sql = $"""
            COPY (SELECT sequence, repetition, outcome, intended_ns, sent_ns, received_ns, forwarded_ns, acknowledged_ns, upstream_stamps
                  FROM meshaspire.message_rows WHERE run_id = {Literal(runId)} AND component = {Literal(component)}
                  ORDER BY row_index) TO STDOUT (FORMAT BINARY)
            """;
        await using var rows = await connection.BeginBinaryExportAsync(sql, cancellationToken);
        while (await rows.StartRowAsync(cancellationToken) >= 0)
        {
            var sequence = await rows.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken);
            var repetition = await rows.ReadAsync<int>(NpgsqlDbType.Integer, cancellationToken);
            var outcome = (MessageOutcome)await rows.ReadAsync<short>(NpgsqlDbType.Smallint, cancellationToken);
            var intended = await rows.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken);
            var sent = await rows.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken);
            var received = await rows.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken);
            var forwarded = await rows.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken);
            var acknowledged = await rows.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken);
            var index = Append(log, new MessageRecord
            {
                Sequence = sequence,
                Repetition = repetition,
                Outcome = outcome,
                IntendedNanos = intended,
                SentNanos = sent,
                ReceivedNanos = received,
                ForwardedNanos = forwarded,
                AcknowledgedNanos = acknowledged,
            });
            if (rows.IsNull)
            {
                await rows.SkipAsync(cancellationToken);
            }
            else
            {
                var stamps = await rows.ReadAsync<long[]>(NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken);
                stamps.AsSpan(0, Math.Min(stamps.Length, log.StampsPerRecord)).CopyTo(log.StampsOf(index));
            }
        }

        return log;
    }

    private static long Append(RecordLog log, in MessageRecord record)
    {
        var index = log.Append();
        log[index] = record;
        return index;
    }

    /// <summary>A string literal for COPY, which takes no parameters: quotes doubled, standard_conforming_strings assumed on.</summary>
    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
