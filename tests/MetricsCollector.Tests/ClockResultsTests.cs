using System.Globalization;
using System.Text.Json;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using MeshAspire.Workflow.Timing;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests;

/// <summary>The clocks in the results: summary.json, the table's clocks line, clocks.csv, and messages.csv's raw stamps.</summary>
public sealed class ClockResultsTests : IDisposable
{
    private const long Skew = 3_700 * Millisecond;
    private const int Conclusion = 3;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"meshaspire-clocks-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>100 messages of 1 ms end to end; the conclusion's clock 3.7 s ahead, action02's never measured.</summary>
    private static RunRecords SkewedRecords()
    {
        var run = new ChainRun().Add(Steady(0, 100, 1, Base, 10 * Millisecond).Select(m => m with { EndToEnd = Millisecond }));
        var conclusion = new ComponentClock(
            "conclusion",
            new ClockReading(Skew, 40_000, Base, 16),
            new ClockReading(Skew + 200_000, 30_000, Base + 1_000_000_000, 12));
        return run.Skew(Conclusion, Skew).Records()
            .WithClocks(20_000, (Conclusion, conclusion), (2, new ComponentClock("action02", null, null)));
    }

    private static RunAnalysis Analyze(RunRecords records) => RunAccounting.Analyze(TestScenarios.Constant(), "run-9", records, []);

    [Fact]
    public async Task Summary_json_carries_every_clock_and_the_end_to_end_bound()
    {
        var records = SkewedRecords();
        var analysis = Analyze(records);

        await RunResultsWriter.WriteAsync(_folder, analysis, records, CancellationToken.None);
        await using var json = File.OpenRead(Path.Combine(_folder, RunResultsWriter.SummaryJson));
        using var document = await JsonDocument.ParseAsync(json);
        await using var again = File.OpenRead(Path.Combine(_folder, RunResultsWriter.SummaryJson));
        var read = await JsonSerializer.DeserializeAsync<RunSummary>(again, RunResultsWriter.Json);

        var conclusion = document.RootElement.GetProperty("clocks")[3];
        Assert.Equal("conclusion", conclusion.GetProperty("component").GetString());
        Assert.Equal(3_700, conclusion.GetProperty("offsetMs").GetDouble());
        Assert.Equal(0.04, conclusion.GetProperty("errorBoundMs").GetDouble());
        Assert.Equal(0.2, conclusion.GetProperty("driftMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("clocks")[2].GetProperty("offsetMs").ValueKind);
        Assert.Equal(0.06, document.RootElement.GetProperty("endToEndErrorBoundMs").GetDouble(), 9);
        Assert.Equal(analysis.Summary.Clocks, read!.Clocks);
        Assert.Equal(analysis.Summary.EndToEndErrorBoundMs, read.EndToEndErrorBoundMs);
        Assert.Equal(analysis.Summary.Hops, read.Hops);
    }

    [Fact]
    public void The_table_has_a_line_of_clocks_with_the_end_to_end_bound()
    {
        var text = SummaryTable.Render(Analyze(SkewedRecords()).Summary);

        Assert.Contains(
            "clocks    offset to the collector's (ms):   trigger 0.000 ±0.020   action01 0.000 ±0.020   action02 not measured   conclusion +3700.000 ±0.040 drift +0.200   end-to-end ±0.060",
            text.Split(Environment.NewLine));
    }

    [Fact]
    public void A_drift_within_the_readings_bounds_is_not_shown_in_the_table()
    {
        var run = new ChainRun().Add(Steady(0, 10, 1, Base, Millisecond));
        var noisy = new ComponentClock("conclusion", new ClockReading(100_000, 60_000, Base, 16), new ClockReading(10_000, 60_000, Base + 1_000_000_000, 16));

        var text = SummaryTable.Render(Analyze(run.Records().WithClocks(20_000, (Conclusion, noisy))).Summary);

        Assert.Contains("conclusion +0.100 ±0.060   end-to-end ±0.080", text, StringComparison.Ordinal);
        Assert.DoesNotContain("drift", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_clock_measurement_has_no_clocks_line()
    {
        var text = SummaryTable.Render(Analyze(new ChainRun().Add(Steady(0, 10, 1, Base, Millisecond)).Records()).Summary);

        Assert.DoesNotContain("clocks", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clocks_csv_has_both_readings_of_every_component_and_empty_cells_where_none_was_taken()
    {
        var records = SkewedRecords();

        await RunResultsWriter.WriteAsync(_folder, Analyze(records), records, CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, RunResultsWriter.ClocksCsv));

        Assert.Equal(
            [
                ClocksCsvWriter.Header,
                $"trigger,0,20000,{Base},16,0,20000,{Base},16",
                $"action01,0,20000,{Base},16,0,20000,{Base},16",
                "action02,,,,,,,,",
                $"conclusion,{Skew},40000,{Base},16,{Skew + 200_000},30000,{Base + 1_000_000_000},12",
            ],
            lines);
    }

    [Fact]
    public async Task Clocks_csv_reads_back_to_the_same_clocks()
    {
        var records = SkewedRecords();
        await RunResultsWriter.WriteAsync(_folder, Analyze(records), records, CancellationToken.None);

        using var input = new StreamReader(Path.Combine(_folder, RunResultsWriter.ClocksCsv));
        var read = ClocksCsvReader.Read(input);

        Assert.Equal(records.Clocks, read);
    }

    [Theory]
    [InlineData("component,offset\n", "line 1: expected the header")]
    [InlineData(ClocksCsvWriter.Header + "\nconclusion,1,2,3\n", "line 2: expected 9 cells, found 4")]
    [InlineData(ClocksCsvWriter.Header + "\nconclusion,1,2,x,16,,,,\n", "line 2: a reading is not four whole numbers: 1,2,x,16")]
    public void A_file_that_is_no_clocks_csv_is_refused_saying_where(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ClocksCsvReader.Read(new StringReader(text)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_csv_keeps_the_raw_stamps_and_its_end_to_end_column_is_corrected()
    {
        var records = SkewedRecords();
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        MessagesCsvWriter.Write(records, output);
        var row = output.ToString().Split('\n')[1].Split(',');

        Assert.Equal((Base + Millisecond + Skew).ToString(CultureInfo.InvariantCulture), row[13]);
        // 1 ms into a drift of 200 µs per second, the conclusion's offset has grown by 200 ns.
        Assert.Equal("0.9998", row[14]);
    }
}
