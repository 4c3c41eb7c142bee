using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Bench;

/// <summary>
/// The chain the synthetic runs of the benchmarks go through, trigger, action01, action02 and conclusion over gRPC
/// at a constant rate: its scenario, the rows of its records and the records of its four components.
/// Compiled into each benchmark that synthesises a run (linked, not a project).
/// </summary>
internal static class SyntheticChain
{
    public static readonly string[] Names = ["trigger", "action01", "action02", "conclusion"];

    public static string ScenarioText(double seconds, double rate) => $"""
        duration={seconds:0.###}s
        warmup=0s
        [trigger]
        rootname=trigger
        operation.ops.start={rate}
        operation.ops.end={rate}
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

    public static Scenario Scenario(string text, string fileName)
    {
        var parsed = ScenarioParser.ParseText(text, fileName);
        return parsed.Scenario ?? throw new InvalidOperationException(string.Join(Environment.NewLine, parsed.Errors));
    }

    /// <summary>The run's records from the four components' logs, in chain order; the conclusion's upstream are the actions.</summary>
    public static RunRecords Records(RecordLog trigger, RecordLog action01, RecordLog action02, RecordLog conclusion) =>
        new(Names,
        [
            new ComponentRecords("trigger", ComponentRole.Trigger, trigger, []),
            new ComponentRecords("action01", ComponentRole.Action, action01, []),
            new ComponentRecords("action02", ComponentRole.Action, action02, []),
            new ComponentRecords("conclusion", ComponentRole.Conclusion, conclusion, ["action01", "action02"]),
        ]);

    public static void Row(
        ref MessageRecord row, long sequence, long intended, long sent, long received, long forwarded, long acknowledged, MessageOutcome outcome)
    {
        row.Sequence = sequence;
        row.Repetition = 1;
        row.IntendedNanos = intended;
        row.SentNanos = sent;
        row.ReceivedNanos = received;
        row.ForwardedNanos = forwarded;
        row.AcknowledgedNanos = acknowledged;
        row.Outcome = outcome;
    }
}
