using System.Buffers.Text;
using System.Text;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// Reads a results folder's messages.csv (as <see cref="MessagesCsvWriter"/> writes it) back into a run's rows: the
/// trigger's by sequence, every other component's in arrival order (sorted by their receive or done stamp). The file
/// keeps one row per message per action and the conclusion's arrival count, so a duplicate before the conclusion is
/// not in it, and the conclusion's duplicates arrive right after their first copy.
/// </summary>
public static class MessagesCsvReader
{
    private const int Leading = 6;
    private const int Trailing = 5;

    public static RunRecords Read(string path)
    {
        using var lines = new CsvLines(path);
        var header = lines.Next(out _) is { } first ? Encoding.UTF8.GetString(first.Span) : throw new ReportInputException($"{path}: empty, no header line");
        var chain = Chain(path, header);
        var actions = chain.Length - 2;
        var columns = Leading + (3 * actions) + Trailing;
        var trigger = new RecordLog();
        var hops = Enumerable.Range(0, actions + 1).Select(a => new RecordLog(a == actions ? 2 * actions : 0)).ToArray();
        var fields = new Range[columns + 1];
        while (lines.Next(out var number) is { } line)
        {
            if (line.IsEmpty)
            {
                continue;
            }

            var found = Split(line.Span, fields);
            if (found != columns)
            {
                throw new ReportInputException($"{path} line {number}: {line.Span.Count((byte)',') + 1} columns, the header has {columns}");
            }

            AddRow(new CsvRow(path, number, line.Span, fields), actions, trigger, hops);
        }

        var components = new List<ComponentRecords?> { new(chain[0], ComponentRole.Trigger, trigger, []) };
        for (var a = 0; a < actions; a++)
        {
            SortByArrival(hops[a], static (in MessageRecord r) => r.ReceivedNanos);
            components.Add(new ComponentRecords(chain[a + 1], ComponentRole.Action, hops[a], []));
        }

        SortByArrival(hops[^1], static (in MessageRecord r) => r.ForwardedNanos);
        components.Add(new ComponentRecords(chain[^1], ComponentRole.Conclusion, hops[^1], chain[1..^1]));
        return new RunRecords(chain, components);
    }

    private static string[] Chain(string path, string header)
    {
        var names = header.Split(',');
        const string start = "sequence,repetition,status,intended_ns,";
        if (!header.StartsWith(start, StringComparison.Ordinal) || names.Length < Leading + Trailing || (names.Length - Leading - Trailing) % 3 != 0
            || !names[4].EndsWith("_sent_ns", StringComparison.Ordinal) || names[^3] != "e2e_ms" || names[^2] != "arrivals")
        {
            throw new ReportInputException($"{path} line 1: not the header of a messages.csv ('{header}')");
        }

        var chain = new List<string> { names[4][..^"_sent_ns".Length] };
        for (var c = Leading; c < names.Length - Trailing; c += 3)
        {
            chain.Add(names[c][..^"_received_ns".Length]);
        }

        chain.Add(names[^5][..^"_received_ns".Length]);
        return [.. chain];
    }

    private static void AddRow(CsvRow row, int actions, RecordLog trigger, RecordLog[] hops)
    {
        var sequence = row.Long(0);
        var repetition = (int)row.Long(1);
        var sendFailed = row.Is(2, "send-failed"u8);
        var delivered = row.Is(2, "delivered"u8);
        var intended = row.Long(3);
        var sent = row.Long(4);
        trigger.Reserve(sequence + 1);
        ref var sentRow = ref trigger[sequence];
        sentRow.Sequence = sequence;
        sentRow.Repetition = repetition;
        sentRow.IntendedNanos = intended;
        sentRow.SentNanos = sent;
        sentRow.ForwardedNanos = sent;
        sentRow.AcknowledgedNanos = row.Long(5);
        sentRow.ReceivedNanos = row.Long(Leading + (3 * actions) + 4);
        sentRow.Outcome = sendFailed ? MessageOutcome.SendFailed
            : sentRow.AcknowledgedNanos != 0 ? MessageOutcome.Acknowledged : MessageOutcome.Unacknowledged;

        for (var a = 0; a < actions; a++)
        {
            var received = row.Long(Leading + (3 * a));
            if (received == 0)
            {
                continue;
            }

            ref var hop = ref hops[a][hops[a].Append()];
            Fill(ref hop, sequence, repetition, intended, sent, received, row.Long(Leading + (3 * a) + 1));
            hop.AcknowledgedNanos = row.Long(Leading + (3 * a) + 2);
            hop.Outcome = hop.AcknowledgedNanos != 0 ? MessageOutcome.Acknowledged : MessageOutcome.None;
        }

        if (!delivered)
        {
            return;
        }

        var conclusion = hops[^1];
        var at = Leading + (3 * actions);
        var arrivals = Math.Max(1, row.Long(at + 3));
        for (var copy = 0; copy < arrivals; copy++)
        {
            var index = conclusion.Append();
            ref var done = ref conclusion[index];
            Fill(ref done, sequence, repetition, intended, sent, row.Long(at), row.Long(at + 1));
            done.Outcome = copy == 0 ? MessageOutcome.None : MessageOutcome.Duplicate;
            var stamps = conclusion.StampsOf(index);
            for (var a = 0; a < actions; a++)
            {
                stamps[2 * a] = row.Long(Leading + (3 * a));
                stamps[(2 * a) + 1] = row.Long(Leading + (3 * a) + 1);
            }
        }
    }

    private static void Fill(ref MessageRecord record, long sequence, int repetition, long intended, long sent, long received, long forwarded)
    {
        record.Sequence = sequence;
        record.Repetition = repetition;
        record.IntendedNanos = intended;
        record.SentNanos = sent;
        record.ReceivedNanos = received;
        record.ForwardedNanos = forwarded;
    }

    /// <summary>The ranges of the comma-separated fields, at most as many as <paramref name="fields"/> holds; returns how many.</summary>
    private static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (count < fields.Length)
        {
            var comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                fields[count++] = start..line.Length;
                return count;
            }

            fields[count++] = start..(start + comma);
            start += comma + 1;
        }

        return count;
    }

    private delegate long Stamp(in MessageRecord record);

    /// <summary>Puts the log's rows (and their stamps) in the order of the given stamp, in place: a permutation, no copy of the log.</summary>
    private static void SortByArrival(RecordLog log, Stamp arrival)
    {
        var count = (int)log.Count;
        var keys = new long[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = arrival(in log[i]);
            order[i] = i;
        }

        Array.Sort(keys, order);
        keys = null;
        var held = new long[log.StampsPerRecord];
        for (var start = 0; start < count; start++)
        {
            if (order[start] == start)
            {
                continue;
            }

            var record = log[start];
            log.StampsOf(start).CopyTo(held);
            var to = start;
            while (order[to] != start)
            {
                var from = order[to];
                log[to] = log[from];
                log.StampsOf(from).CopyTo(log.StampsOf(to));
                order[to] = to;
                to = from;
            }

            log[to] = record;
            held.CopyTo(log.StampsOf(to));
            order[to] = to;
        }
    }

    /// <summary>One line's fields; an empty field is a stamp that does not exist (0).</summary>
    private readonly ref struct CsvRow(string path, long number, ReadOnlySpan<byte> line, Range[] fields)
    {
        private readonly ReadOnlySpan<byte> _line = line;

        public bool Is(int column, ReadOnlySpan<byte> text) => _line[fields[column]].SequenceEqual(text);

        public long Long(int column)
        {
            var text = _line[fields[column]];
            if (text.IsEmpty)
            {
                return 0;
            }

            return Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length
                ? value
                : throw new ReportInputException($"{path} line {number} column {column + 1}: '{Encoding.UTF8.GetString(text)}' is not a whole number");
        }
    }
}
