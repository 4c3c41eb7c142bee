namespace MeshAspire.MetricsCollector.Collection;

public static class RunCollectionExtensions
{
    /// <summary>Follows the run named by configuration to its end, then pulls the records and writes the results.</summary>
    public static IHostApplicationBuilder AddRunCollection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(RunCollection));
        builder.Services.AddSingleton<RunCollector>();
        builder.Services.AddHostedService<RunCollection>();
        return builder;
    }
}
