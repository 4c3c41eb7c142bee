using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Bench.Report;

/// <summary>
/// A run as the four components would have recorded it, written straight into their record logs: a constant rate
/// through trigger, action01, action02 and conclusion over gRPC, with jittered transit and service times, a slow
/// message in a thousand, a queueing burst every minute, 0.05 % lost before the conclusion and 0.01 % duplicated.
/// </summary>
public static class SyntheticRun
{
    private const long Base = 1_780_000_000_000_000_000L;

    public static Scenario Scenario(int messages, double rate) =>
        SyntheticChain.Scenario(SyntheticChain.ScenarioText(messages / rate, rate), "report-benchmark.properties");

    public static RunRecords Records(int messages, double rate)
    {
        var random = new Random(42);
        var interval = 1e9 / rate;
        var trigger = new RecordLog();
        RecordLog[] actions = [new(), new()];
        var conclusion = new RecordLog(2 * actions.Length);
        Span<long> received = stackalloc long[SyntheticChain.Names.Length];
        Span<long> forwarded = stackalloc long[SyntheticChain.Names.Length];
        for (var i = 0; i < messages; i++)
        {
            var intended = Base + (long)(i * interval);
            var secondInMinute = (i / rate) % 60;
            var burst = secondInMinute < 2 ? (long)(secondInMinute * 4_000_000) : 0;
            forwarded[0] = intended + 20_000 + random.Next(30_000);
            for (var k = 1; k < SyntheticChain.Names.Length; k++)
            {
                received[k] = forwarded[k - 1] + 150_000 + random.Next(100_000);
                forwarded[k] = received[k] + 40_000 + random.Next(40_000) + (k == 2 ? burst : 0) + (i % 1000 == 999 && k == 3 ? 5_000_000 : 0);
            }

            var lost = random.Next(10_000) < 5;
            var reach = lost ? 2 : 3;
            ref var sent = ref trigger[trigger.Append()];
            Row(ref sent, i, intended, forwarded[0], 0, forwarded[0], forwarded[0] + 300_000);
            for (var k = 1; k <= reach; k++)
            {
                var log = k == 3 ? conclusion : actions[k - 1];
                var copies = k == 3 && random.Next(10_000) == 0 ? 2 : 1;
                for (var copy = 0; copy < copies; copy++)
                {
                    var index = log.Append();
                    ref var row = ref log[index];
                    Row(ref row, i, intended, forwarded[0], received[k], forwarded[k], k < reach ? forwarded[k] + 300_000 : 0);
                    row.Outcome = copy > 0 ? MessageOutcome.Duplicate : row.Outcome;
                    var stamps = log.StampsOf(index);
                    for (var a = 0; a < stamps.Length / 2; a++)
                    {
                        stamps[2 * a] = received[a + 1];
                        stamps[(2 * a) + 1] = forwarded[a + 1];
                    }
                }
            }
        }

        return SyntheticChain.Records(trigger, actions[0], actions[1], conclusion);
    }

    /// <summary>One scrape a second of six containers' CPU and memory for the run's length.</summary>
    public static IEnumerable<Scrape> Resources(int seconds)
    {
        (string Component, string Container, string Role)[] containers =
        [
            ("trigger", "trigger", ResourceSeries.ApplicationRole), ("action01", "action01", ResourceSeries.ApplicationRole),
            ("action01", "istio-proxy", ResourceSeries.SidecarRole), ("action02", "action02", ResourceSeries.ApplicationRole),
            ("conclusion", "conclusion", ResourceSeries.ApplicationRole), ("nats", "nats", ResourceSeries.BrokerRole),
        ];
        var start = MeshAspire.Workflow.Timing.UnixClock.ToDateTimeOffset(Base);
        for (var s = 0; s < seconds; s++)
        {
            var samples = containers.SelectMany(c => new[]
            {
                Sample(ResourceSeries.CpuCores, c, 0.1 + (0.05 * Math.Sin(s / 10.0))),
                Sample(ResourceSeries.MemoryBytes, c, 60e6 + (s * 1e5)),
            }).ToArray();
            yield return new Scrape("local", "containers", ScrapeKind.Resources, start.AddSeconds(s), samples);
        }
    }

    private static MetricSample Sample(string name, (string Component, string Container, string Role) c, double value) =>
        new(name, [new(ResourceSeries.Component, c.Component), new(ResourceSeries.Container, c.Container), new(ResourceSeries.Role, c.Role)], value);

    private static void Row(ref MessageRecord row, long sequence, long intended, long sent, long received, long forwarded, long acknowledged) =>
        SyntheticChain.Row(ref row, sequence, intended, sent, received, forwarded, acknowledged,
            acknowledged != 0 ? MessageOutcome.Acknowledged : MessageOutcome.Unacknowledged);
}
