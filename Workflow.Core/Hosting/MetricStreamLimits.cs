using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace MeshAspire.Workflow.Hosting;

/// <summary>
/// How many label sets each metric of a role process may keep. OpenTelemetry allocates every metric's points up front,
/// 2,000 by default: about 7 MB of a role process's heap for its 48 metrics, whose label sets number a few dozen at
/// most. Past the limit, points are not dropped but kept under <c>otel_metric_overflow="true"</c>.
/// </summary>
public static class MetricStreamLimits
{
    public const int PointsPerMetric = 200;

    public static IServiceCollection LimitMetricPoints(this IServiceCollection services) =>
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
            metrics.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = PointsPerMetric }));
}
