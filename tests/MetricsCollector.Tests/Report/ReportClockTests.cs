using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests.Report;

/// <summary>The report's charts and loss table compare stamps of two clocks only after moving both to the collector's.</summary>
public sealed class ReportClockTests : IDisposable
{
    private const long ConclusionAhead = 3_700 * Millisecond;
    private const long ActionAhead = 4_200 * Millisecond;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"meshaspire-report-clocks-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>100 messages of 1 ms end to end; the conclusion's clock 3.7 s ahead, action01's 4.2 s ahead; cut 2 s after the start.</summary>
    private static RunRecords SkewedRecords()
    {
        var messages = Steady(0, 100, 1, Base, 10 * Millisecond).Select(m => m with { EndToEnd = Millisecond }).ToList();
        (messages[40], messages[41]) = (messages[41], messages[40]);
        var run = new ChainRun().Add(messages).Skew(3, ConclusionAhead).Skew(1, ActionAhead);
        return run.Records().WithClocks(20_000, (3, SkewedClocks.Steady("conclusion", ConclusionAhead, 40_000)), (1, SkewedClocks.Steady("action01", ActionAhead, 30_000)))
            with { DrainDeadlineNanos = Base + (2_000 * Millisecond) };
    }

    [Fact]
    public void The_latency_of_every_message_over_time_is_measured_on_the_collectors_clock()
    {
        var times = MessageTimes.From(SkewedRecords());

        Assert.Equal(100, times.DeliveredLatencyMs.Length);
        Assert.All(times.DeliveredLatencyMs, latency => Assert.Equal(1.0, latency, 6));
    }

    [Fact]
    public void The_loss_table_counts_an_actions_arrivals_before_the_cut_on_the_collectors_clock()
    {
        var records = SkewedRecords();
        var summary = RunAccounting.Analyze(TestScenarios.Constant(), "run-3", records, []).Summary;

        var action01 = HopLossTable.From(summary, records)[1];

        Assert.Equal(new HopLoss("trigger", "action01", 100, 100, 0, 0, 1), action01);
    }

    [Fact]
    public async Task A_results_folder_read_back_gives_the_same_latencies_as_the_run_in_hand()
    {
        var records = SkewedRecords();
        var analysis = RunAccounting.Analyze(TestScenarios.Constant(), "run-4", records, []);
        await RunResultsWriter.WriteAsync(_folder, analysis, records, CancellationToken.None);

        var read = await ResultsFolderReader.ReadAsync(_folder, CancellationToken.None);

        Assert.Equal(records.Clocks, read.Stored.Records.Clocks);
        Assert.Equal(MessageTimes.From(records).DeliveredLatencyMs, MessageTimes.From(read.Stored.Records).DeliveredLatencyMs);
    }

    [Fact]
    public async Task A_damaged_clocks_csv_in_a_results_folder_is_refused_naming_the_file()
    {
        var records = SkewedRecords();
        await RunResultsWriter.WriteAsync(_folder, RunAccounting.Analyze(TestScenarios.Constant(), "run-5", records, []), records, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_folder, RunResultsWriter.ClocksCsv), "component,offset\n");

        var error = await Assert.ThrowsAsync<ReportInputException>(() => ResultsFolderReader.ReadAsync(_folder, CancellationToken.None));

        Assert.Contains(Path.Combine(_folder, RunResultsWriter.ClocksCsv), error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1: expected the header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clocks_csv_of_another_chain_is_refused_naming_the_file()
    {
        var records = SkewedRecords();
        await RunResultsWriter.WriteAsync(_folder, RunAccounting.Analyze(TestScenarios.Constant(), "run-6", records, []), records, CancellationToken.None);
        var clocks = Path.Combine(_folder, RunResultsWriter.ClocksCsv);
        await File.WriteAllLinesAsync(clocks, (await File.ReadAllLinesAsync(clocks)).Take(3));

        var error = await Assert.ThrowsAsync<ReportInputException>(() => ResultsFolderReader.ReadAsync(_folder, CancellationToken.None));

        Assert.StartsWith($"{clocks}: its components (trigger, action01) are not the run's chain (trigger, action01, action02, conclusion)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_clocks_written_where_a_run_with_them_was_leaves_no_clocks_csv()
    {
        var skewed = SkewedRecords();
        await RunResultsWriter.WriteAsync(_folder, RunAccounting.Analyze(TestScenarios.Constant(), "run-7", skewed, []), skewed, CancellationToken.None);
        var plain = skewed with { Clocks = null };

        await RunResultsWriter.WriteAsync(_folder, RunAccounting.Analyze(TestScenarios.Constant(), "run-7", plain, []), plain, CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(_folder, RunResultsWriter.ClocksCsv)));
        Assert.Null((await ResultsFolderReader.ReadAsync(_folder, CancellationToken.None)).Stored.Records.Clocks);
    }
}
