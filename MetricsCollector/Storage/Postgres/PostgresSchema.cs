using Npgsql;

namespace MeshAspire.MetricsCollector.Storage.Postgres;

/// <summary>
/// The run store's tables, in their own schema, created and brought up to date in order. Every collector migrates
/// on start; a transaction-scoped advisory lock makes a second collector wait, then find nothing left to do.
/// </summary>
public static class PostgresSchema
{
    public const string Name = "meshaspire";

    /// <summary>Any fixed number: the lock only has to be the same for every collector.</summary>
    private const long MigrationLock = 0x6D657368_61737069;

    /// <summary>Applied in order, each once; never edit one that has shipped, add the next.</summary>
    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> Migrations =
    [
        (1, "runs, scrapes, samples, message rows, collection notes", """
            CREATE TABLE meshaspire.runs (
                run_id text PRIMARY KEY,
                scenario text NOT NULL,
                scenario_text text NOT NULL,
                started timestamptz NOT NULL,
                labels jsonb NOT NULL,
                completed timestamptz,
                drain_deadline_ns bigint,
                summary jsonb);
            CREATE TABLE meshaspire.run_components (
                run_id text NOT NULL REFERENCES meshaspire.runs ON DELETE CASCADE,
                position int NOT NULL,
                name text NOT NULL,
                role text NOT NULL,
                upstream text[] NOT NULL,
                available boolean NOT NULL,
                PRIMARY KEY (run_id, position));
            CREATE TABLE meshaspire.collection_notes (
                run_id text NOT NULL REFERENCES meshaspire.runs ON DELETE CASCADE,
                position int NOT NULL,
                note text NOT NULL,
                PRIMARY KEY (run_id, position));
            CREATE SEQUENCE meshaspire.scrape_ids;
            CREATE TABLE meshaspire.scrapes (
                scrape_id bigint PRIMARY KEY,
                run_id text NOT NULL REFERENCES meshaspire.runs ON DELETE CASCADE,
                cluster text NOT NULL,
                target text NOT NULL,
                kind text NOT NULL,
                at timestamptz NOT NULL,
                failure text);
            CREATE INDEX scrapes_by_run_and_time ON meshaspire.scrapes (run_id, at, cluster, target);
            CREATE TABLE meshaspire.samples (
                scrape_id bigint NOT NULL,
                ordinal int NOT NULL,
                name text NOT NULL,
                label_names text[] NOT NULL,
                label_values text[] NOT NULL,
                value double precision NOT NULL,
                sample_time timestamptz);
            CREATE INDEX samples_by_scrape ON meshaspire.samples (scrape_id, ordinal);
            CREATE TABLE meshaspire.message_rows (
                run_id text NOT NULL,
                component text NOT NULL,
                row_index bigint NOT NULL,
                sequence bigint NOT NULL,
                repetition int NOT NULL,
                outcome smallint NOT NULL,
                intended_ns bigint NOT NULL,
                sent_ns bigint NOT NULL,
                received_ns bigint NOT NULL,
                forwarded_ns bigint NOT NULL,
                acknowledged_ns bigint NOT NULL,
                upstream_stamps bigint[]);
            CREATE INDEX message_rows_by_run ON meshaspire.message_rows (run_id, component, row_index);
            """),
        (2, "views: scrape_samples (one row per sample with its scrape) and scrape_failures", """
            CREATE VIEW meshaspire.scrape_samples AS
                SELECT sc.run_id, sc.cluster, sc.target, sc.kind, sc.at, sa.name, sa.label_names, sa.label_values, sa.value, sa.sample_time
                FROM meshaspire.scrapes sc JOIN meshaspire.samples sa USING (scrape_id);
            CREATE VIEW meshaspire.scrape_failures AS
                SELECT run_id, cluster, target, kind, at, failure FROM meshaspire.scrapes WHERE failure IS NOT NULL;
            """),
        (3, "component_clocks: each component's clock readings before and after the run", """
            CREATE TABLE meshaspire.component_clocks (
                run_id text NOT NULL REFERENCES meshaspire.runs ON DELETE CASCADE,
                position int NOT NULL,
                component text NOT NULL,
                before_offset_ns bigint,
                before_error_bound_ns bigint,
                before_at_ns bigint,
                before_probes int,
                after_offset_ns bigint,
                after_error_bound_ns bigint,
                after_at_ns bigint,
                after_probes int,
                PRIMARY KEY (run_id, position));
            """),
        (4, "series: a sample is its series' id and a value; the series' name and labels are kept once per run", """
            CREATE SEQUENCE meshaspire.series_ids;
            CREATE TABLE meshaspire.series (
                series_id bigint PRIMARY KEY,
                run_id text NOT NULL REFERENCES meshaspire.runs ON DELETE CASCADE,
                name text NOT NULL,
                label_names text[] NOT NULL,
                label_values text[] NOT NULL);
            CREATE INDEX series_by_run ON meshaspire.series (run_id, name);
            DROP VIEW meshaspire.scrape_samples;
            ALTER TABLE meshaspire.samples RENAME TO samples_v1;
            ALTER INDEX meshaspire.samples_by_scrape RENAME TO samples_v1_by_scrape;
            INSERT INTO meshaspire.series (series_id, run_id, name, label_names, label_values)
                SELECT nextval('meshaspire.series_ids'), run_id, name, label_names, label_values
                FROM (SELECT DISTINCT sc.run_id, sa.name, sa.label_names, sa.label_values
                      FROM meshaspire.samples_v1 sa JOIN meshaspire.scrapes sc USING (scrape_id)) AS distinct_series;
            CREATE TABLE meshaspire.samples (
                scrape_id bigint NOT NULL,
                ordinal int NOT NULL,
                series_id bigint NOT NULL,
                value double precision NOT NULL,
                sample_time timestamptz);
            INSERT INTO meshaspire.samples (scrape_id, ordinal, series_id, value, sample_time)
                SELECT sa.scrape_id, sa.ordinal, se.series_id, sa.value, sa.sample_time
                FROM meshaspire.samples_v1 sa
                JOIN meshaspire.scrapes sc USING (scrape_id)
                JOIN meshaspire.series se ON se.run_id = sc.run_id AND se.name = sa.name
                    AND se.label_names = sa.label_names AND se.label_values = sa.label_values;
            DROP TABLE meshaspire.samples_v1;
            CREATE INDEX samples_by_scrape ON meshaspire.samples (scrape_id, ordinal);
            CREATE VIEW meshaspire.scrape_samples AS
                SELECT sc.run_id, sc.cluster, sc.target, sc.kind, sc.at, se.name, se.label_names, se.label_values, sa.value, sa.sample_time
                FROM meshaspire.scrapes sc JOIN meshaspire.samples sa USING (scrape_id) JOIN meshaspire.series se USING (series_id);
            """),
        (5, "a scrape's samples as three arrays on its own row (series ids, values, times): one row per scrape", """
            ALTER TABLE meshaspire.scrapes
                ADD COLUMN series_ids bigint[] NOT NULL DEFAULT '{}',
                ADD COLUMN sample_values double precision[] NOT NULL DEFAULT '{}',
                ADD COLUMN sample_times timestamptz[];
            UPDATE meshaspire.scrapes sc
                SET series_ids = moved.series_ids, sample_values = moved.sample_values, sample_times = moved.sample_times
                FROM (SELECT scrape_id,
                             array_agg(series_id ORDER BY ordinal) AS series_ids,
                             array_agg(value ORDER BY ordinal) AS sample_values,
                             CASE WHEN bool_or(sample_time IS NOT NULL) THEN array_agg(sample_time ORDER BY ordinal) END AS sample_times
                      FROM meshaspire.samples
                      GROUP BY scrape_id) AS moved
                WHERE sc.scrape_id = moved.scrape_id;
            ALTER TABLE meshaspire.scrapes ALTER COLUMN series_ids DROP DEFAULT, ALTER COLUMN sample_values DROP DEFAULT;
            DROP VIEW meshaspire.scrape_samples;
            DROP TABLE meshaspire.samples;
            CREATE VIEW meshaspire.scrape_samples AS
                SELECT sc.run_id, sc.cluster, sc.target, sc.kind, sc.at, se.name, se.label_names, se.label_values,
                       sample.value, sample.sample_time
                FROM meshaspire.scrapes sc
                CROSS JOIN LATERAL unnest(sc.series_ids, sc.sample_values, sc.sample_times)
                    WITH ORDINALITY AS sample(series_id, value, sample_time, ordinal)
                JOIN meshaspire.series se ON se.series_id = sample.series_id;
            """),
        (6, "a scrape's id drawn by the database as its row goes in: one round trip less per append", """
            ALTER SEQUENCE meshaspire.scrape_ids OWNED BY meshaspire.scrapes.scrape_id;
            ALTER TABLE meshaspire.scrapes ALTER COLUMN scrape_id SET DEFAULT nextval('meshaspire.scrape_ids');
            """),
    ];

    /// <summary>Applies every migration the database lacks; returns how many it applied.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE SCHEMA IF NOT EXISTS meshaspire;
            CREATE TABLE IF NOT EXISTS meshaspire.schema_version (
                version int PRIMARY KEY,
                description text NOT NULL,
                applied timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);

        await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM meshaspire.schema_version", connection);
        var version = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
        var applied = 0;
        foreach (var (number, description, sql) in Migrations.Where(m => m.Version > version).OrderBy(m => m.Version))
        {
            await ExecuteAsync(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO meshaspire.schema_version (version, description) VALUES ($1, $2)", connection)
            {
                Parameters = { new() { Value = number }, new() { Value = description } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
