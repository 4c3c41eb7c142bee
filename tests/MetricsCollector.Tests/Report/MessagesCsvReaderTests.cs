using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class MessagesCsvReaderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"meshaspire-messages-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_file);

    /// <summary>
    /// Rows whose stamps agree with their order, as a real run's do (the reader puts rows in the order of their
    /// stamps): message 51 is done before message 50, so it arrives first.
    /// </summary>
    private static RunRecords Sample()
    {
        var messages = Steady(0, 200, 1, Base, 5 * Millisecond).Select((m, i) => m.Sequence switch
        {
            7 => m with { Reach = 1 },
            8 => m with { Reach = 0, SendFailed = true },
            50 => m with { EndToEnd = 10 * Millisecond },
            51 => m with { EndToEnd = 1 * Millisecond },
            _ => m with { EndToEnd = ((i % 4) + 1) * Millisecond },
        }).ToList();
        (messages[50], messages[51]) = (messages[51], messages[50]);
        var run = new ChainRun().Add(Steady(1000, 5, 0, Base - Millisecond, 100_000)).Add(messages);
        run.Redeliver(30, from: 3, flagged: true);
        return run.Records();
    }

    private RunRecords WriteAndRead(RunRecords records)
    {
        using (var writer = new StreamWriter(_file))
        {
            MessagesCsvWriter.Write(records, writer);
        }

        return MessagesCsvReader.Read(_file);
    }

    [Fact]
    public void Rows_read_back_give_the_same_accounting_as_the_rows_written()
    {
        var records = Sample();
        var expected = RunAccounting.Analyze(TestScenarios.Constant(200), "run-1", records, []).Summary;

        var read = WriteAndRead(records);
        var actual = RunAccounting.Analyze(TestScenarios.Constant(200), "run-1", read, []).Summary;

        Assert.Equal(records.Chain, read.Chain);
        Assert.Equal(expected.Messages, actual.Messages);
        Assert.Equal(new MessageCounts(200, 200, 1, 198, 2, 1, 1), actual.Messages);
        Assert.Equal(expected.EndToEnd, actual.EndToEnd);
        Assert.Equal(expected.GeneratorLag, actual.GeneratorLag);
        Assert.Equal(expected.Hops, actual.Hops);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.End, actual.End);
    }

    [Fact]
    public void The_report_of_rows_read_back_is_the_report_of_the_rows_written()
    {
        var records = Sample();
        var read = WriteAndRead(records);

        var written = MessageTimes.From(records);
        var back = MessageTimes.From(read);

        Assert.Equal(written.OriginNanos, back.OriginNanos);
        Assert.Equal(written.IntendedNanos, back.IntendedNanos);
        Assert.Equal(written.SentNanos, back.SentNanos);
        Assert.Equal(written.DeliveredIntendedNanos, back.DeliveredIntendedNanos);
        Assert.Equal(written.DeliveredLatencyMs, back.DeliveredLatencyMs);
    }

    [Fact]
    public void Not_a_messages_csv_is_named_with_its_first_line()
    {
        File.WriteAllText(_file, "a,b,c\n1,2,3\n");

        var error = Assert.Throws<ReportInputException>(() => MessagesCsvReader.Read(_file));

        Assert.Contains(_file, error.Message);
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void A_damaged_row_is_named_by_line_and_column()
    {
        WriteAndRead(Sample());
        var lines = File.ReadAllLines(_file);
        lines[3] = lines[3].Replace(",delivered,", ",delivered,12x4,", StringComparison.Ordinal);
        var cut = lines[3].Split(',');
        lines[3] = string.Join(',', cut.Take(cut.Length - 1));
        File.WriteAllLines(_file, lines);

        var error = Assert.Throws<ReportInputException>(() => MessagesCsvReader.Read(_file));

        Assert.Contains("line 4 column 4", error.Message);
        Assert.Contains("'12x4'", error.Message);
    }

    [Fact]
    public void A_row_with_too_few_columns_is_named_by_line()
    {
        WriteAndRead(Sample());
        File.AppendAllText(_file, "5,1,delivered\n");

        var error = Assert.Throws<ReportInputException>(() => MessagesCsvReader.Read(_file));

        Assert.Contains($"line {File.ReadAllLines(_file).Length}: 3 columns", error.Message);
    }
}
