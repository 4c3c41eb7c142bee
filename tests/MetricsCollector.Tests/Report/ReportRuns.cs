using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests.Report;

/// <summary>Synthetic runs for the report: a constant rate through trigger, two actions and conclusion, and their scrapes.</summary>
internal static class ReportRuns
{
    /// <param name="latency">Each message's end-to-end latency (ns) by its index.</param>
    public static (RunAnalysis Analysis, RunRecords Records) Chain(string runId, int messages, double rate, Func<int, long> latency, int lose = 0)
    {
        var interval = (long)(1e9 / rate);
        var run = new ChainRun().Add(Steady(0, messages, 1, Base, interval).Select((m, i) => i < lose
            ? m with { Reach = 1 }
            : m with { EndToEnd = latency(i) }));
        var records = run.Records();
        var scenario = TestScenarios.Constant(rate, $"{messages / rate}s");
        return (RunAccounting.Analyze(scenario, runId, records, []), records);
    }

    public static ReportInput Input(string runId, string mesh, int messages, double rate, Func<int, long> latency, IEnumerable<Scrape>? scrapes = null)
    {
        var (analysis, records) = Chain(runId, messages, rate, latency);
        var descriptor = new RunDescriptor(runId, "accounting", "", analysis.Summary.Start!.Value,
            new Dictionary<string, string> { ["mesh"] = mesh, ["transport"] = "grpc", ["environment"] = "local" });
        return new ReportInput(new StoredRun(descriptor, analysis, records), ResourceUsage.From(scrapes ?? []));
    }

    /// <summary>
    /// One scrape a second of every container (four applications, a sidecar beside action01, a broker) from the run's
    /// start for <paramref name="seconds"/>, with the scrape at <paramref name="failAt"/> seconds failed.
    /// </summary>
    public static IEnumerable<Scrape> Resources(double cpuScale, int seconds, int? failAt = null)
    {
        var start = Workflow.Timing.UnixClock.ToDateTimeOffset(Base);
        for (var s = 0; s < seconds; s++)
        {
            var at = start.AddSeconds(s);
            if (s == failAt)
            {
                yield return new Scrape("local", "containers", ScrapeKind.Resources, at, [], "connection refused");
                continue;
            }

            var samples = new List<MetricSample>();
            foreach (var (component, container, role, cpu, memory) in Containers)
            {
                samples.Add(Sample(ResourceSeries.CpuCores, component, container, role, cpu * cpuScale * (1 + (0.1 * Math.Sin(s)))));
                samples.Add(Sample(ResourceSeries.MemoryBytes, component, container, role, memory + (s * 1024 * 1024)));
            }

            yield return new Scrape("local", "containers", ScrapeKind.Resources, at, samples);
        }
    }

    public static readonly (string Component, string Container, string Role, double Cpu, double Memory)[] Containers =
    [
        ("trigger", "trigger", ResourceSeries.ApplicationRole, 0.20, 80e6),
        ("action01", "action01", ResourceSeries.ApplicationRole, 0.10, 60e6),
        ("action01", "istio-proxy", ResourceSeries.SidecarRole, 0.05, 40e6),
        ("action02", "action02", ResourceSeries.ApplicationRole, 0.10, 60e6),
        ("conclusion", "conclusion", ResourceSeries.ApplicationRole, 0.15, 70e6),
        ("nats", "nats", ResourceSeries.BrokerRole, 0.08, 30e6),
    ];

    public static MetricSample Sample(string name, string component, string container, string role, double value) =>
        new(name, [new(ResourceSeries.Component, component), new(ResourceSeries.Container, container), new(ResourceSeries.Role, role)], value);

    /// <summary>A latency that drifts and has a tail: 2 ms base, a slow wave, every 97th message 20 ms late.</summary>
    public static long Wavy(int i, double scale = 1) =>
        (long)(scale * ((2 * Millisecond) + (Millisecond * (1 + Math.Sin(i / 500.0))) + (i % 97 == 0 ? 20 * Millisecond : 0) + ((i * 7919 % 1000) * 1000)));
}
