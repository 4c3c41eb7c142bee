using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Bench.Clocks;

/// <summary>The records of a delivered run through trigger, action01, action02 and conclusion, every stamp filled.</summary>
internal static class SyntheticRun
{
    public static readonly string ScenarioText = SyntheticChain.ScenarioText(seconds: 1000, rate: 1000);

    private const long Start = 1_700_000_000_000_000_000L;
    private const long Interval = 1_000_000;
    private const long Step = 50_000;

    public static Scenario Scenario() => SyntheticChain.Scenario(ScenarioText, "clock-bench.properties");

    public static RunRecords Create(long messages)
    {
        RecordLog[] logs = [new(), new(), new(), new(stampsPerRecord: 4)];
        for (long sequence = 0; sequence < messages; sequence++)
        {
            var intended = Start + (sequence * Interval) + 1_000_000_000;
            for (var k = 0; k < logs.Length; k++)
            {
                var forwarded = intended + (k * 2 * Step) + Step;
                SyntheticChain.Row(
                    ref logs[k][logs[k].Append()], sequence, intended, sent: intended + Step, received: k == 0 ? 0 : intended + (k * 2 * Step),
                    forwarded, acknowledged: k == 3 ? 0 : forwarded + (2 * Step), k == 3 ? MessageOutcome.None : MessageOutcome.Acknowledged);
                if (k == 3)
                {
                    var stamps = logs[3].StampsOf(logs[3].Count - 1);
                    for (var s = 0; s < stamps.Length; s++)
                    {
                        stamps[s] = intended + ((s + 2) * Step);
                    }
                }
            }
        }

        return SyntheticChain.Records(logs[0], logs[1], logs[2], logs[3]);
    }

    /// <summary>Every clock measured before and after, with a drift, so that every stamp is interpolated.</summary>
    public static RunRecords WithClocks(RunRecords records, long messages) =>
        records with
        {
            Clocks = records.Chain.Select((name, k) => new ComponentClock(
                name,
                new ClockReading(k * 1_000_000, 30_000, Start, 16),
                new ClockReading((k * 1_000_000) + 50_000, 30_000, Start + (messages * Interval) + 2_000_000_000, 16))).ToArray(),
        };
}
