using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Bench.Clocks;

/// <summary>The records of a delivered run through trigger, action01, action02 and conclusion, every stamp filled.</summary>
internal static class SyntheticRun
{
    public const string ScenarioText = """
        duration=1000s
        [trigger]
        rootname=trigger
        operation.ops.start=1000
        operation.ops.end=1000
        communication.hostname.to=action01
        communication.port.from=10090
        [action]
        rootname=action01
        communication.hostname.to=action02
        communication.port.from=10091
        [action]
        rootname=action02
        communication.hostname.to=conclusion
        communication.port.from=10091
        [conclusion]
        rootname=conclusion
        communication.port.from=10091
        """;

    private const long Start = 1_700_000_000_000_000_000L;
    private const long Interval = 1_000_000;
    private const long Step = 50_000;

    public static Scenario Scenario() => ScenarioParser.ParseText(ScenarioText, "clock-bench.properties").Scenario!;

    public static RunRecords Create(long messages)
    {
        string[] chain = ["trigger", "action01", "action02", "conclusion"];
        RecordLog[] logs = [new(), new(), new(), new(stampsPerRecord: 4)];
        for (long sequence = 0; sequence < messages; sequence++)
        {
            var intended = Start + (sequence * Interval) + 1_000_000_000;
            for (var k = 0; k < logs.Length; k++)
            {
                ref var row = ref logs[k][logs[k].Append()];
                row.Sequence = sequence;
                row.Repetition = 1;
                row.IntendedNanos = intended;
                row.SentNanos = intended + Step;
                row.ReceivedNanos = k == 0 ? 0 : intended + (k * 2 * Step);
                row.ForwardedNanos = intended + (k * 2 * Step) + Step;
                row.AcknowledgedNanos = k == 3 ? 0 : row.ForwardedNanos + (2 * Step);
                row.Outcome = k == 3 ? MessageOutcome.None : MessageOutcome.Acknowledged;
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

        var components = chain.Select((name, k) => (ComponentRecords?)new ComponentRecords(
            name, k == 0 ? ComponentRole.Trigger : k == 3 ? ComponentRole.Conclusion : ComponentRole.Action, logs[k], k == 3 ? ["action01", "action02"] : [])).ToArray();
        return new RunRecords(chain, components);
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
