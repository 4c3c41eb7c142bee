using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Storage.Postgres;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>Where <c>report</c> looks run ids up: PostgreSQL when its connection string is given, else the runs/ folder.</summary>
public static class ReportStore
{
    public const string DefaultRunsFolder = "runs";

    public static IRunStore? Open(IConfiguration configuration)
    {
        var connectionString = configuration[PostgresRunStore.ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new FileRunStore(DefaultRunsFolder);
        }

        try
        {
            return PostgresRunStore.Create(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new ReportInputException($"{PostgresRunStore.ConnectionStringKey}: not a PostgreSQL connection string ({error.Message})");
        }
    }
}
