using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Storage.Postgres;

namespace MeshAspire.MetricsCollector.Storage;

/// <summary>
/// Chooses a run's store: PostgreSQL whenever <c>ConnectionStrings:runstore</c> is set (spilling to files while it is
/// away), else files in the run's results folder.
/// </summary>
public static class RunStores
{
    /// <summary>The folder under the results folder that scrapes spill to while PostgreSQL is away.</summary>
    public const string SpillFolder = "spill";

    /// <summary>How long the collector waits on start for PostgreSQL to answer at all.</summary>
    public const string StartPatienceKey = "Collector:StorePatience";

    public static readonly TimeSpan DefaultStartPatience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The store for run <paramref name="runId"/>, its schema up to date; or, when the connection string does not read,
    /// or PostgreSQL refuses it or does not answer within the start patience, why (naming the key, never the password).
    /// </summary>
    public static async Task<(IRunStore? Store, string? Error)> OpenAsync(
        IConfiguration configuration, string runId, string resultsFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = configuration[PostgresRunStore.ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return (FileRunStore.ForRunFolder(runId, resultsFolder), null);
        }

        PostgresRunStore postgres;
        try
        {
            postgres = PostgresRunStore.Create(connectionString);
        }
        catch (ArgumentException error)
        {
            return (null, $"{PostgresRunStore.ConnectionStringKey}: not a PostgreSQL connection string ({error.Message})");
        }

        var patience = configuration.GetValue(StartPatienceKey, DefaultStartPatience);
        var giveUpAt = DateTime.UtcNow + patience;
        while (true)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(patience);
            try
            {
                await postgres.MigrateAsync(bounded.Token);
                var spill = Path.Combine(resultsFolder, SpillFolder);
                return (new SpillingRunStore(postgres, spill, resultsFolder, SpillOptions.Default, TimeProvider.System, logger), null);
            }
            catch (Exception error) when (PostgresRunStore.IsAway(error) && DateTime.UtcNow + RetryInterval < giveUpAt)
            {
                postgres.ForgetConnections();
            }
            catch (Exception error) when (error is Npgsql.NpgsqlException or TimeoutException or IOException
                                          || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await postgres.DisposeAsync();
                var reason = error is OperationCanceledException ? "no answer" : error.Message;
                return (null, $"{PostgresRunStore.ConnectionStringKey}: cannot use {postgres.Location} within {patience.TotalSeconds:0.#} s: {reason}");
            }

            await Task.Delay(RetryInterval, cancellationToken);
        }
    }
}
