using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every MeshAspire service shares: OpenTelemetry (OTLP to the dashboard, Prometheus at /metrics),
/// health endpoints, and service discovery. Per-message requests are never traced automatically: the
/// workflow samples its own spans so that tracing does not distort the load it measures.
/// </summary>
public static class Extensions
{
    /// <summary>The ActivitySource and Meter name of the workflow's own spans and instruments.</summary>
    public const string WorkflowTelemetryName = "MeshAspire.Workflow";

    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";
    private const string MetricsEndpointPath = "/metrics";

    /// <summary>The collector's clock probes: a span around each would only widen the probe's delay.</summary>
    private const string ClockEndpointPath = "/clock";

    /// <summary>gRPC paths of the workflow's hop service: one request per message, never auto-traced.</summary>
    private const string HopServicePathPrefix = "/meshaspire.workflow.v1.Hop";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddMeter(WorkflowTelemetryName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, WorkflowTelemetryName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => IsTraced(context.Request.Path))
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = request => IsTraced(request.RequestUri?.AbsolutePath)));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        return builder;
    }

    /// <summary>
    /// Maps /health (ready), /alive (live) and /metrics (Prometheus) in every environment: Kubernetes probes
    /// and the collector need them in Production too.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath);
        return app;
    }

    private static bool IsTraced(PathString path) => IsTraced(path.Value);

    private static bool IsTraced(string? path) =>
        path is not null
        && !path.StartsWith(HopServicePathPrefix, StringComparison.Ordinal)
        && !path.StartsWith(HealthEndpointPath, StringComparison.Ordinal)
        && !path.StartsWith(AlivenessEndpointPath, StringComparison.Ordinal)
        && !path.StartsWith(MetricsEndpointPath, StringComparison.Ordinal)
        && !path.StartsWith(ClockEndpointPath, StringComparison.Ordinal);
}
