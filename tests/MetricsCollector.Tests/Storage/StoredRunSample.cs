using System.Text.Json;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests.Storage;

/// <summary>
/// A run as the collector would hand it to a store: a descriptor with real scenario text, records with loss, a
/// failed send, a duplicate and a cut at the drain deadline, clocks (the conclusion's 2.5 s ahead, one component
/// never measured, one read only before the run), collection notes, and scrapes of every kind from two
/// clusters (labels that need escaping, NaN and infinities, sample timestamps, a failed scrape).
/// </summary>
internal sealed class StoredRunSample
{
    public const string ScenarioText = """
        duration=1s
        repetitions=1

        [trigger]
        rootname=trigger
        operation.ops.start=100
        operation.ops.end=100
        communication.hostname.to=action01
        communication.port.to=10091
        communication.port.from=10090

        [action]
        rootname=action01
        communication.hostname.to=action02
        communication.port.to=10091
        communication.port.from=10091

        [action]
        rootname=action02
        communication.hostname.to=conclusion
        communication.port.to=10091
        communication.port.from=10091

        [conclusion]
        rootname=conclusion
        communication.port.to=10091
        communication.port.from=10091
        """;

    /// <summary>The conclusion's clock runs ahead of the collector's by this much; its stamps are skewed by it and its clock says so.</summary>
    public const long ConclusionAhead = 2_500 * Millisecond;

    public static readonly DateTimeOffset Started = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    public StoredRunSample(string? runId = null, string[]? missing = null)
    {
        var id = runId ?? $"run-{Guid.NewGuid():N}";
        Run = new RunDescriptor(id, "constant", ScenarioText, Started, new Dictionary<string, string>
        {
            ["mesh"] = "none",
            ["transport"] = "grpc",
            ["environment"] = "local",
        });
        var chain = new ChainRun().Add(Steady(0, 20, 0, Base, 10 * Millisecond)).Add(Steady(20, 100, 1, Base + (200 * Millisecond), 10 * Millisecond).Select(m => m.Sequence switch
        {
            30 => m with { Reach = 2 },
            31 => m with { Reach = 0, SendFailed = true },
            _ => m with { EndToEnd = (m.Sequence % 17 + 1) * Millisecond },
        }));
        chain.Redeliver(40, from: 3, flagged: true);
        chain.Skew(3, ConclusionAhead);
        var records = chain.Records(missing ?? []);
        Records = records with
        {
            DrainDeadlineNanos = Base + (1_150 * Millisecond),
            Clocks =
            [
                new ComponentClock("trigger", new ClockReading(0, 15_000, Base - Millisecond, 16), new ClockReading(0, 16_000, Base + (1_200 * Millisecond), 16)),
                new ComponentClock("action01", new ClockReading(-250_000, 21_000, Base - Millisecond, 16), null),
                new ComponentClock("action02", null, null),
                SkewedClocks.Steady("conclusion", ConclusionAhead, 40_000),
            ],
        };
        Notes = ["a collection note", "drain timeout (10 s after the last send) passed; the run is cut there"];
        Analysis = RunAccounting.Analyze(Scenario(), id, Records, Notes);
    }

    public RunDescriptor Run { get; }

    public RunRecords Records { get; }

    public IReadOnlyList<string> Notes { get; }

    public RunAnalysis Analysis { get; }

    public static Scenario Scenario()
    {
        var parsed = ScenarioParser.ParseText(ScenarioText, "constant.properties");
        Assert.True(parsed.Succeeded, string.Join(Environment.NewLine, parsed.Errors));
        return parsed.Scenario!;
    }

    /// <summary><paramref name="seconds"/> rounds of scrapes, one a second from <see cref="Started"/> (ticks below a microsecond included).</summary>
    public static IReadOnlyList<Scrape> Scrapes(int seconds, int samplesPerScrape = 3, int firstSecond = 0)
    {
        var scrapes = new List<Scrape>();
        for (var s = firstSecond; s < firstSecond + seconds; s++)
        {
            var at = Started.AddSeconds(s).AddTicks(1_234_567);
            scrapes.Add(new Scrape("local", "action01", ScrapeKind.Component, at, ComponentSamples(s, samplesPerScrape)));
            scrapes.Add(new Scrape("local", "action01/envoy", ScrapeKind.Sidecar, at.AddMilliseconds(3), [Sample("envoy_cluster_upstream_rq_total", s, ("envoy_cluster_name", "in \"q\" \\ out\nnext"))]));
            scrapes.Add(new Scrape("cluster-2:eu", "containers", ScrapeKind.Resources, at.AddMilliseconds(5),
            [
                Sample(ResourceSeries.CpuCores, 0.25 * s, (ResourceSeries.Component, "action01"), (ResourceSeries.Container, "istio-proxy"), (ResourceSeries.Role, ResourceSeries.SidecarRole)),
                Sample(ResourceSeries.MemoryBytes, 50e6 + s, (ResourceSeries.Component, "action01"), (ResourceSeries.Container, "istio-proxy"), (ResourceSeries.Role, ResourceSeries.SidecarRole)),
            ]));
            scrapes.Add(s % 4 == 3
                ? new Scrape("local", "nats", ScrapeKind.Broker, at.AddMilliseconds(7), [], "connection refused (127.0.0.1:8222)\nsecond line")
                : new Scrape("local", "nats", ScrapeKind.Broker, at.AddMilliseconds(7), [Sample("nats_varz_in_msgs", 1000 * s)]));
        }

        return scrapes;
    }

    /// <summary>Both stores give back the same thing for the same scrapes: what <see cref="StoredScrapes.Normalise"/> keeps.</summary>
    public static void AssertSameScrapes(IEnumerable<Scrape> expected, IReadOnlyList<Scrape> actual)
    {
        var wanted = expected.Select(StoredScrapes.Normalise).OrderBy(s => s.At).ThenBy(s => s.Cluster, StringComparer.Ordinal).ThenBy(s => s.Target, StringComparer.Ordinal).ToArray();
        Assert.Equal(wanted.Select(Describe), actual.Select(Describe));
    }

    public static string Describe(Scrape scrape) =>
        $"{scrape.Cluster}|{scrape.Target}|{scrape.Kind}|{scrape.At:O}|{scrape.Failure}|"
        + string.Join(";", scrape.Samples.Select(s => $"{s.Name}{{{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}}}={s.Value:R}@{s.Timestamp:O}"));

    /// <summary>A loaded run equals the stored one: descriptor, every row of every component, and the recomputed summary.</summary>
    public void AssertLoaded(StoredRun? loaded)
    {
        Assert.NotNull(loaded);
        Assert.Equal(Run.RunId, loaded.Run.RunId);
        Assert.Equal(Run.Scenario, loaded.Run.Scenario);
        Assert.Equal(Run.ScenarioText, loaded.Run.ScenarioText);
        Assert.Equal(Run.Started, loaded.Run.Started);
        Assert.Equal(Run.Labels.OrderBy(l => l.Key), loaded.Run.Labels.OrderBy(l => l.Key));
        AssertSameRecords(Records, loaded.Records);
        Assert.Equal(SummaryJson(Analysis.Summary), SummaryJson(loaded.Analysis.Summary));
        Assert.Equal(Analysis.Histograms.Select(h => (h.Name, h.Histogram.TotalCount)), loaded.Analysis.Histograms.Select(h => (h.Name, h.Histogram.TotalCount)));
    }

    public static string SummaryJson(RunSummary summary) => JsonSerializer.Serialize(summary, RunResultsWriter.Json);

    public static void AssertSameRecords(RunRecords expected, RunRecords actual)
    {
        Assert.Equal(expected.Chain, actual.Chain);
        Assert.Equal(expected.DrainDeadlineNanos, actual.DrainDeadlineNanos);
        Assert.Equal(expected.Clocks, actual.Clocks);
        for (var c = 0; c < expected.Components.Count; c++)
        {
            var (want, got) = (expected.Components[c], actual.Components[c]);
            if (want is null)
            {
                Assert.Null(got);
                continue;
            }

            Assert.NotNull(got);
            Assert.Equal(want.Name, got.Name);
            Assert.Equal(want.Role, got.Role);
            Assert.Equal(want.Upstream, got.Upstream);
            Assert.Equal(want.Records.Count, got.Records.Count);
            Assert.Equal(want.Records.StampsPerRecord, got.Records.StampsPerRecord);
            for (long i = 0; i < want.Records.Count; i++)
            {
                Assert.Equal(want.Records[i], got.Records[i]);
                Assert.Equal(want.Records.StampsOf(i).ToArray(), got.Records.StampsOf(i).ToArray());
            }
        }
    }

    private static MetricSample[] ComponentSamples(int second, int count)
    {
        var samples = new List<MetricSample>
        {
            Sample("workflow_messages_received_total", second * 100, ("component", "action01")) with { Timestamp = Started.AddSeconds(second).AddTicks(12_345) },
            Sample("workflow_queue_depth", double.NaN),
            Sample("workflow_latency_seconds_bucket", second, ("le", "+Inf")),
            Sample("workflow_messages_received_total", double.PositiveInfinity, ("component", "other")),
        };
        for (var i = samples.Count; i < count; i++)
        {
            samples.Add(Sample("workflow_extra", i * 1e-7, ("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return samples.ToArray();
    }

    private static MetricSample Sample(string name, double value, params (string Name, string Value)[] labels) =>
        new(name, labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)).ToArray(), value);
}
