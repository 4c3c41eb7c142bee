using System.Globalization;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.MetricsCollector.Results;

/// <summary>
/// messages.csv: one row per message the trigger sent, warm-up included (repetition 0), with every stamp in
/// Unix nanoseconds on the clock of the component that took it, uncorrected (clocks.csv has each clock's offset);
/// empty where a stamp does not exist. e2e_ms is corrected by the trigger's and the conclusion's offsets, as in the
/// summary. The last column is when the conclusion's reply reached the trigger (reply.topic), on the trigger's clock.
/// </summary>
public static class MessagesCsvWriter
{
    private const long None = -1;

    public static void Write(RunRecords records, TextWriter output)
    {
        var chain = records.Chain;
        var actions = chain.Skip(1).Take(chain.Count - 2).ToArray();
        WriteHeader(output, chain[0], actions, chain[^1]);
        if (records.Trigger is not { } trigger)
        {
            return;
        }

        var sequences = trigger.Records.Count;
        var actionRows = records.Components.Skip(1).Take(actions.Length).Select(c => IndexBySequence(c, sequences)).ToArray();
        var conclusionRows = IndexBySequence(records.Conclusion, sequences, out var arrivals);
        Span<char> scratch = stackalloc char[32];
        for (long sequence = 0; sequence < sequences; sequence++)
        {
            ref var sent = ref trigger.Records[sequence];
            if (sent.SentNanos == 0)
            {
                continue;
            }

            var arrived = conclusionRows[sequence];
            Number(output, scratch, sequence);
            Number(output, scratch, sent.Repetition);
            output.Write(Status(sent, arrived));
            output.Write(',');
            Number(output, scratch, sent.IntendedNanos);
            Number(output, scratch, sent.SentNanos);
            Stamp(output, scratch, sent.AcknowledgedNanos);
            for (var a = 0; a < actions.Length; a++)
            {
                var own = actionRows[a][sequence];
                var log = records.Components[a + 1]?.Records;
                var stamps = arrived != None ? records.Conclusion!.Records.StampsOf(arrived) : [];
                var kept = stamps.Length >= (2 * a) + 2;
                Stamp(output, scratch, kept ? stamps[2 * a] : own != None ? log![own].ReceivedNanos : 0);
                Stamp(output, scratch, kept ? stamps[(2 * a) + 1] : own != None ? log![own].ForwardedNanos : 0);
                Stamp(output, scratch, own != None ? log![own].AcknowledgedNanos : 0);
            }

            if (arrived != None)
            {
                ref var done = ref records.Conclusion!.Records[arrived];
                Stamp(output, scratch, done.ReceivedNanos);
                Stamp(output, scratch, done.ForwardedNanos);
                Milliseconds(output, scratch, records.ToCollectorClock(records.ConclusionIndex, done.ForwardedNanos) - records.ToCollectorClock(0, sent.IntendedNanos));
            }
            else
            {
                output.Write(",,,");
            }

            Number(output, scratch, arrivals[sequence]);
            if (sent.ReceivedNanos != 0)
            {
                sent.ReceivedNanos.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture);
                output.Write(scratch[..written]);
            }

            output.Write('\n');
        }
    }

    private static void WriteHeader(TextWriter output, string trigger, string[] actions, string conclusion)
    {
        output.Write($"sequence,repetition,status,intended_ns,{trigger}_sent_ns,{trigger}_acknowledged_ns,");
        foreach (var action in actions)
        {
            output.Write($"{action}_received_ns,{action}_sent_ns,{action}_acknowledged_ns,");
        }

        output.Write($"{conclusion}_received_ns,{conclusion}_done_ns,e2e_ms,arrivals,{trigger}_reply_ns\n");
    }

    private static string Status(in MessageRecord sent, long arrived) =>
        arrived != None ? "delivered"
        : sent.Outcome.HasFlag(MessageOutcome.SendFailed) ? "send-failed"
        : "lost";

    /// <summary>For each sequence number, the row of its first arrival at the component, or <see cref="None"/>.</summary>
    private static long[] IndexBySequence(ComponentRecords? component, long sequences) =>
        IndexBySequence(component, sequences, out _);

    private static long[] IndexBySequence(ComponentRecords? component, long sequences, out int[] arrivals)
    {
        var index = new long[sequences];
        Array.Fill(index, None);
        arrivals = new int[sequences];
        if (component is null)
        {
            return index;
        }

        for (long row = 0; row < component.Records.Count; row++)
        {
            var sequence = component.Records[row].Sequence;
            if (sequence < 0 || sequence >= sequences)
            {
                continue;
            }

            arrivals[sequence]++;
            if (index[sequence] == None)
            {
                index[sequence] = row;
            }
        }

        return index;
    }

    private static void Number(TextWriter output, Span<char> scratch, long value)
    {
        value.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture);
        output.Write(scratch[..written]);
        output.Write(',');
    }

    private static void Stamp(TextWriter output, Span<char> scratch, long nanos)
    {
        if (nanos != 0)
        {
            nanos.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture);
            output.Write(scratch[..written]);
        }

        output.Write(',');
    }

    private static void Milliseconds(TextWriter output, Span<char> scratch, long nanos)
    {
        (nanos / 1e6).TryFormat(scratch, out var written, "0.000###", CultureInfo.InvariantCulture);
        output.Write(scratch[..written]);
        output.Write(',');
    }
}
