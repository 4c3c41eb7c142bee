using System.Globalization;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.MetricsCollector.Storage.Files;

/// <summary>
/// One component's rows as they came from its /records, loadable back into a <see cref="RecordLog"/>: every field of
/// <see cref="MessageRecord"/> (times in Unix nanoseconds, 0 = did not happen, outcome as its flag bits), then, for the
/// conclusion, the received and sent stamps of every upstream action it kept.
/// </summary>
public static class ComponentRowsCsv
{
    private const int Fields = 8;

    public static void Write(RecordLog log, IReadOnlyList<string> upstream, TextWriter output)
    {
        output.Write("sequence,repetition,outcome,intended_ns,sent_ns,received_ns,forwarded_ns,acknowledged_ns");
        foreach (var action in upstream)
        {
            output.Write($",{action}_received_ns,{action}_sent_ns");
        }

        output.Write('\n');
        Span<char> scratch = stackalloc char[24];
        for (long i = 0; i < log.Count; i++)
        {
            ref var row = ref log[i];
            Number(output, scratch, row.Sequence);
            Field(output, scratch, row.Repetition);
            Field(output, scratch, (byte)row.Outcome);
            Field(output, scratch, row.IntendedNanos);
            Field(output, scratch, row.SentNanos);
            Field(output, scratch, row.ReceivedNanos);
            Field(output, scratch, row.ForwardedNanos);
            Field(output, scratch, row.AcknowledgedNanos);
            foreach (var stamp in log.StampsOf(i))
            {
                Field(output, scratch, stamp);
            }

            output.Write('\n');
        }
    }

    /// <summary>Reads rows written by <see cref="Write"/>; a malformed line is an error naming the file and line.</summary>
    public static RecordLog Read(TextReader input, int upstreamCount, string file)
    {
        var header = input.ReadLine() ?? throw new InvalidDataException($"{file}: empty, expected a header line");
        var columns = Fields + (2 * upstreamCount);
        if (header.Split(',').Length != columns)
        {
            throw new InvalidDataException($"{file}: expected {columns} columns in the header, found {header.Split(',').Length}");
        }

        var log = new RecordLog(2 * upstreamCount);
        var fields = new long[columns];
        var line = 1;
        while (input.ReadLine() is { } text)
        {
            line++;
            var span = text.AsSpan();
            var count = 0;
            foreach (var range in span.Split(','))
            {
                if (count == columns || !long.TryParse(span[range], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out fields[count]))
                {
                    throw new InvalidDataException($"{file}, line {line}: expected {columns} whole numbers separated by commas");
                }

                count++;
            }

            if (count != columns)
            {
                throw new InvalidDataException($"{file}, line {line}: expected {columns} fields, found {count}");
            }

            var index = log.Append();
            ref var row = ref log[index];
            row.Sequence = fields[0];
            row.Repetition = (int)fields[1];
            row.Outcome = (MessageOutcome)fields[2];
            row.IntendedNanos = fields[3];
            row.SentNanos = fields[4];
            row.ReceivedNanos = fields[5];
            row.ForwardedNanos = fields[6];
            row.AcknowledgedNanos = fields[7];
            fields.AsSpan(Fields).CopyTo(log.StampsOf(index));
        }

        return log;
    }

    private static void Number(TextWriter output, Span<char> scratch, long value)
    {
        value.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture);
        output.Write(scratch[..written]);
    }

    private static void Field(TextWriter output, Span<char> scratch, long value)
    {
        output.Write(',');
        Number(output, scratch, value);
    }
}
