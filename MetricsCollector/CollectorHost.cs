using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Hosting;

namespace MeshAspire.MetricsCollector;

/// <summary>
/// The collector as a web host: it follows the run named by configuration (scraping every target meanwhile), and
/// serves its own <c>/metrics</c>, <c>/health</c> and the run's <c>/report</c>.
/// </summary>
public static class CollectorHost
{
    /// <param name="settings">Configuration laid over args and environment (tests use it to point the collector at targets).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(CollectorArguments.Translate(args));
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults();
        builder.Logging.QuietPerRequestLogging();
        builder.AddRunCollection();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapReport();
        return app;
    }
}
