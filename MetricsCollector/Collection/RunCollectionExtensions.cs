using OpenTelemetry.Metrics;

namespace MeshAspire.MetricsCollector.Collection;

public static class RunCollectionExtensions
{
    /// <summary>
    /// Follows the run named by configuration to its end while scraping every target it discovers, then pulls the
    /// records and writes the results.
    /// </summary>
    public static IHostApplicationBuilder AddRunCollection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(RunCollection));
        builder.Services.AddSingleton<RunCollector>();
        builder.Services.AddSingleton<CollectorMetrics>();
        builder.Services.AddSingleton<ReportLocation>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(CollectorMetrics.MeterName));
        builder.Services.AddHostedService<RunCollection>();
        return builder;
    }
}
