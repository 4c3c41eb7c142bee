using System.Diagnostics.Metrics;
using MeshAspire.Workflow.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshAspire.Workflow.Tests.Hosting;

/// <summary>A role's metrics keep a bounded number of label sets, lose no measurement past it, and keep their histograms' buckets.</summary>
public sealed class MetricStreamLimitsTests
{
    [Fact]
    public void Label_sets_past_the_limit_are_counted_under_overflow_and_none_is_lost()
    {
        var (meterName, exported, services) = Provider();
        using (services)
        {
            using var meter = new Meter(meterName);
            var counter = meter.CreateCounter<long>("test.requests");
            const int labelSets = MetricStreamLimits.PointsPerMetric + 100;
            for (var i = 0; i < labelSets; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("id", i));
            }

            services.GetRequiredService<MeterProvider>().ForceFlush();

            var points = PointsOf(Assert.Single(exported, m => m.Name == "test.requests"));
            Assert.Equal(MetricStreamLimits.PointsPerMetric, points.Count(point => !point.Tags.Contains("otel.metric.overflow")));
            Assert.Single(points, point => point.Tags.Contains("otel.metric.overflow"));
            Assert.Equal(labelSets, points.Sum(point => point.Sum));
        }
    }

    [Fact]
    public void A_histogram_keeps_the_buckets_its_instrument_advises()
    {
        var (meterName, exported, services) = Provider();
        using (services)
        {
            using var meter = new Meter(meterName);
            var histogram = meter.CreateHistogram("test.latency", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.1] });
            histogram.Record(0.005);

            services.GetRequiredService<MeterProvider>().ForceFlush();

            var metric = Assert.Single(exported, m => m.Name == "test.latency");
            Assert.Equal(MetricType.Histogram, metric.MetricType);
            var bounds = new List<double>();
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var bucket in point.GetHistogramBuckets())
                {
                    bounds.Add(bucket.ExplicitBound);
                }
            }

            Assert.Equal([0.001, 0.01, 0.1, double.PositiveInfinity], bounds);
        }
    }

    private static (string MeterName, List<Metric> Exported, ServiceProvider Services) Provider()
    {
        var meterName = $"meshaspire.test.{Guid.NewGuid():N}";
        var exported = new List<Metric>();
        var services = new ServiceCollection();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(meterName).AddInMemoryExporter(exported));
        services.LimitMetricPoints();
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<MeterProvider>(); // listens from here on
        return (meterName, exported, provider);
    }

    private static List<(double Sum, HashSet<string> Tags)> PointsOf(Metric metric)
    {
        var points = new List<(double, HashSet<string>)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new HashSet<string>();
            foreach (var tag in point.Tags)
            {
                tags.Add(tag.Key);
            }

            points.Add((point.GetSumLong(), tags));
        }

        return points;
    }
}
