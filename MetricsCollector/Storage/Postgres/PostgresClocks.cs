using MeshAspire.Workflow.Timing;
using Npgsql;
using NpgsqlTypes;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>
/// A run's component clocks, one row per component in chain order with both readings (null columns where one was not
/// taken). A run without rows had no clocks measured: its stamps are taken as they are.
/// </summary>
internal static class PostgresClocks
{
    private const string Columns =
        "component, before_offset_ns, before_error_bound_ns, before_at_ns, before_probes, after_offset_ns, after_error_bound_ns, after_at_ns, after_probes";

    public static void AddInserts(NpgsqlBatch batch, string runId, IReadOnlyList<ComponentClock> clocks)
    {
        for (var i = 0; i < clocks.Count; i++)
        {
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO meshaspire.component_clocks (run_id, position, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            {
                Parameters = { new() { Value = runId }, new() { Value = i }, new() { Value = clocks[i].Component } },
            };
            AddReading(command.Parameters, clocks[i].Before);
            AddReading(command.Parameters, clocks[i].After);
            batch.BatchCommands.Add(command);
        }
    }

    /// <summary>The run's clocks in chain order; null when none were stored.</summary>
    /// <exception cref="InvalidDataException">The stored clocks are not one per component of <paramref name="chain"/>, in order.</exception>
    public static async Task<IReadOnlyList<ComponentClock>?> ReadAsync(
        NpgsqlConnection connection, string runId, IReadOnlyList<string> chain, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM meshaspire.component_clocks WHERE run_id = $1 ORDER BY position", connection);
        command.Parameters.Add(new() { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var clocks = new List<ComponentClock>();
        while (await reader.ReadAsync(cancellationToken))
        {
            clocks.Add(new ComponentClock(reader.GetString(0), Reading(reader, 1), Reading(reader, 5)));
        }

        if (clocks.Count == 0)
        {
            return null;
        }

        return clocks.Select(c => c.Component).SequenceEqual(chain, StringComparer.Ordinal)
            ? clocks
            : throw new InvalidDataException(
                $"meshaspire.component_clocks: run {runId} has clocks of {string.Join(", ", clocks.Select(c => c.Component))}, not of its chain {string.Join(", ", chain)}");
    }

    private static void AddReading(NpgsqlParameterCollection parameters, ClockReading? reading)
    {
        parameters.Add(new() { Value = (object?)reading?.OffsetNanos ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        parameters.Add(new() { Value = (object?)reading?.ErrorBoundNanos ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        parameters.Add(new() { Value = (object?)reading?.AtNanos ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        parameters.Add(new() { Value = (object?)reading?.Probes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
    }

    private static ClockReading? Reading(NpgsqlDataReader reader, int first) =>
        reader.IsDBNull(first)
            ? null
            : new ClockReading(reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetInt64(first + 2), reader.GetInt32(first + 3));
}
