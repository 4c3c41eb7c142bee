using System.Globalization;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests;

public class MessagesCsvWriterTests
{
    private const long Interval = 10 * Millisecond;
    private const long Transit = 20_000;
    private const long Service = 30_000;
    private const long Lag = 500;

    private const string Header =
        "sequence,repetition,status,intended_ns,trigger_sent_ns,trigger_acknowledged_ns," +
        "action01_received_ns,action01_sent_ns,action01_acknowledged_ns," +
        "action02_received_ns,action02_sent_ns,action02_acknowledged_ns," +
        "conclusion_received_ns,conclusion_done_ns,e2e_ms,arrivals,trigger_reply_ns";

    /// <summary>
    /// Warm-up 0..2, measured 3..12; 5 and 9 never sent (gaps in the trigger's rows); 6 lost between action01 and
    /// action02; 7 failed by the trigger; 8 arrives twice; 10 takes 12.345678 ms end to end.
    /// </summary>
    private static ChainRun Sample()
    {
        var run = new ChainRun();
        foreach (var sequence in Enumerable.Range(0, 13).Where(s => s is not (5 or 9)))
        {
            var m = new Message(sequence, sequence < 3 ? 0 : 1, Base + (sequence * Interval)) { Lag = Lag, Transit = Transit, Service = Service };
            run.Add(sequence switch
            {
                6 => m with { Reach = 1 },
                7 => m with { Reach = 0, SendFailed = true },
                10 => m with { EndToEnd = 12_345_678 },
                _ => m,
            });
        }

        run.Redeliver(8, from: 3, flagged: true);
        return run;
    }

    private static string[][] Rows(RunRecords records)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        MessagesCsvWriter.Write(records, output);
        var text = output.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, r => Assert.Equal(17, r.Length));
        return rows;
    }

    private static string[] Row(string[][] rows, long sequence) =>
        Assert.Single(rows, r => r[0] == sequence.ToString(CultureInfo.InvariantCulture));

    private static string Ns(long nanos) => nanos.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void A_reply_stamps_its_message_on_the_triggers_clock_and_no_reply_leaves_the_cell_empty()
    {
        var records = Sample().Records();
        ref var replied = ref records.Trigger!.Records[10];
        replied.ReceivedNanos = replied.SentNanos + 40_000;

        var rows = Rows(records);

        Assert.Equal(Ns(records.Trigger.Records[10].SentNanos + 40_000), Row(rows, 10)[16]);
        Assert.Equal(string.Empty, Row(rows, 11)[16]);
    }

    [Fact]
    public void The_header_names_a_column_per_stamp_of_every_action()
    {
        var run = new ChainRun(actions: 3);
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        MessagesCsvWriter.Write(run.Records(), output);

        Assert.Equal(
            "sequence,repetition,status,intended_ns,trigger_sent_ns,trigger_acknowledged_ns," +
            "action01_received_ns,action01_sent_ns,action01_acknowledged_ns," +
            "action02_received_ns,action02_sent_ns,action02_acknowledged_ns," +
            "action03_received_ns,action03_sent_ns,action03_acknowledged_ns," +
            "conclusion_received_ns,conclusion_done_ns,e2e_ms,arrivals,trigger_reply_ns\n",
            output.ToString());
    }

    [Fact]
    public void One_row_per_sent_message_warm_up_included()
    {
        var rows = Rows(Sample().Records());

        Assert.Equal(["0", "1", "2", "3", "4", "6", "7", "8", "10", "11", "12"], rows.Select(r => r[0]));
        Assert.Equal(["0", "0", "0", "1", "1", "1", "1", "1", "1", "1", "1"], rows.Select(r => r[1]));
    }

    [Fact]
    public void The_status_says_delivered_lost_or_send_failed()
    {
        var rows = Rows(Sample().Records());

        Assert.Equal("delivered", Row(rows, 0)[2]);
        Assert.Equal("delivered", Row(rows, 4)[2]);
        Assert.Equal("lost", Row(rows, 6)[2]);
        Assert.Equal("send-failed", Row(rows, 7)[2]);
        Assert.Equal("delivered", Row(rows, 8)[2]);
        Assert.Equal(9, rows.Count(r => r[2] == "delivered"));
    }

    [Fact]
    public void A_delivered_message_has_every_stamp()
    {
        var row = Row(Rows(Sample().Records()), 4);
        var sent = Base + (4 * Interval) + Lag;
        var action01Received = sent + Transit;
        var action01Sent = action01Received + Service;
        var action02Received = action01Sent + Transit;
        var action02Sent = action02Received + Service;
        var conclusionReceived = action02Sent + Transit;
        var done = conclusionReceived + Service;

        Assert.Equal(
            [
                "4", "1", "delivered", Ns(Base + (4 * Interval)), Ns(sent), Ns(sent + (2 * Transit)),
                Ns(action01Received), Ns(action01Sent), Ns(action01Sent + (2 * Transit)),
                Ns(action02Received), Ns(action02Sent), Ns(action02Sent + (2 * Transit)),
                Ns(conclusionReceived), Ns(done), "0.1505", "1", string.Empty,
            ],
            row);
    }

    [Theory]
    [InlineData(10, "12.345678")]
    [InlineData(4, "0.1505")]
    public void End_to_end_is_in_milliseconds_to_at_least_3_decimals(long sequence, string expected)
    {
        var row = Row(Rows(Sample().Records()), sequence);

        Assert.Equal(expected, row[14]);
        var ms = double.Parse(row[14], CultureInfo.InvariantCulture);
        var nanos = long.Parse(row[13], CultureInfo.InvariantCulture) - long.Parse(row[3], CultureInfo.InvariantCulture);
        Assert.Equal(nanos / 1e6, ms, 3);
    }

    [Fact]
    public void Whole_milliseconds_keep_three_decimals()
    {
        var run = new ChainRun().Add(new Message(0, 1, Base) { EndToEnd = 2 * Millisecond });

        Assert.Equal("2.000", Row(Rows(run.Records()), 0)[14]);
    }

    [Fact]
    public void Stamps_that_do_not_exist_are_empty_cells()
    {
        var rows = Rows(Sample().Records());
        var lost = Row(rows, 6);
        var failed = Row(rows, 7);

        // 6: action01 had it and forwarded it unanswered; nothing after it.
        Assert.NotEqual("", lost[5]);
        Assert.NotEqual("", lost[6]);
        Assert.NotEqual("", lost[7]);
        Assert.Equal(["", "", "", "", "", "", ""], lost[8..15]);
        Assert.Equal("0", lost[15]);

        // 7: the trigger failed to send it: no acknowledgement, no stamp anywhere.
        Assert.NotEqual("", failed[3]);
        Assert.NotEqual("", failed[4]);
        Assert.Equal(["", "", "", "", "", "", "", "", "", ""], failed[5..15]);
        Assert.Equal("0", failed[15]);
    }

    [Fact]
    public void A_duplicated_message_counts_two_arrivals_and_keeps_its_first()
    {
        var rows = Rows(Sample().Records());
        var duplicated = Row(rows, 8);

        Assert.Equal("2", duplicated[15]);
        Assert.Equal("delivered", duplicated[2]);
        var done = Base + (8 * Interval) + Lag + (3 * Transit) + (3 * Service);
        Assert.Equal(Ns(done), duplicated[13]);
        Assert.All(rows.Where(r => r[0] != "8" && r[2] == "delivered"), r => Assert.Equal("1", r[15]));
    }

    [Fact]
    public void Missing_action_records_leave_only_what_the_conclusion_kept()
    {
        var rows = Rows(Sample().Records("action01"));
        var delivered = Row(rows, 4);
        var lost = Row(rows, 6);

        // Delivered: received and sent come from the conclusion's copy; the acknowledgement was action01's own.
        Assert.NotEqual("", delivered[6]);
        Assert.NotEqual("", delivered[7]);
        Assert.Equal("", delivered[8]);
        Assert.Equal(["", "", ""], lost[6..9]);
        Assert.Equal("lost", lost[2]);
    }

    [Fact]
    public void Without_conclusion_records_nothing_is_delivered()
    {
        var rows = Rows(Sample().Records("conclusion"));

        Assert.Equal(11, rows.Length);
        Assert.DoesNotContain(rows, r => r[2] == "delivered");
        Assert.Equal(10, rows.Count(r => r[2] == "lost"));
        Assert.Equal("send-failed", Row(rows, 7)[2]);
        Assert.All(rows, r => Assert.Equal("0", r[15]));
    }

    [Fact]
    public void Without_trigger_records_there_is_only_the_header()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        MessagesCsvWriter.Write(Sample().Records("trigger"), output);

        Assert.Equal(Header + "\n", output.ToString());
    }
}
