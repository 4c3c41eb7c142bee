using System.Text;
using System.Text.Json;
using HdrHistogram;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests;

public sealed class RunResultsWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"meshaspire-results-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static (RunAnalysis Analysis, RunRecords Records) Sample()
    {
        var run = new ChainRun().Add(Steady(0, 100, 1, Base, 10 * Millisecond).Select((m, i) => m.Sequence switch
        {
            10 => m with { Reach = 2 },
            11 => m with { Reach = 0, SendFailed = true },
            _ => m with { EndToEnd = (i + 1) * Millisecond },
        }));
        run.Redeliver(20, from: 3, flagged: false);
        var records = run.Records();
        return (RunAccounting.Analyze(TestScenarios.Constant(), "run-7", records, ["a collection note"]), records);
    }

    private async Task<(RunAnalysis Analysis, RunRecords Records)> WriteSample()
    {
        var (analysis, records) = Sample();
        var written = await RunResultsWriter.WriteAsync(_folder, analysis, records, CancellationToken.None);
        Assert.Equal(_folder, written);
        return (analysis, records);
    }

    [Fact]
    public async Task Writes_the_four_files_into_a_new_folder()
    {
        await WriteSample();

        Assert.Equal(
            [RunResultsWriter.HistogramsLog, RunResultsWriter.MessagesCsv, RunResultsWriter.SummaryJson, RunResultsWriter.SummaryText],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(_folder), file => Assert.True(new FileInfo(file).Length > 0, file));
    }

    [Fact]
    public async Task Summary_json_reads_back_to_the_same_summary()
    {
        var (analysis, _) = await WriteSample();
        var expected = analysis.Summary;

        await using var json = File.OpenRead(Path.Combine(_folder, RunResultsWriter.SummaryJson));
        var read = await JsonSerializer.DeserializeAsync<RunSummary>(json, RunResultsWriter.Json);

        Assert.NotNull(read);
        Assert.Equal(new MessageCounts(100, 100, 1, 98, 2, 1, 0), read.Messages);
        Assert.Equal(expected.Messages, read.Messages);
        Assert.Equal(expected.RunId, read.RunId);
        Assert.Equal(expected.Completed, read.Completed);
        Assert.Equal(expected.Start, read.Start);
        Assert.Equal(expected.End, read.End);
        Assert.Equal(expected.Rate, read.Rate);
        Assert.Equal(expected.EndToEnd, read.EndToEnd);
        Assert.Equal(expected.Hops, read.Hops);
        Assert.Equal(expected.Repetitions, read.Repetitions);
        Assert.Equal(expected.Notes, read.Notes);
    }

    [Fact]
    public async Task Summary_json_uses_camel_case_names()
    {
        await WriteSample();

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, RunResultsWriter.SummaryJson)));
        var messages = document.RootElement.GetProperty("messages");

        Assert.Equal("run-7", document.RootElement.GetProperty("runId").GetString());
        Assert.Equal(98, messages.GetProperty("received").GetInt64());
        Assert.Equal(2, messages.GetProperty("lost").GetInt64());
        Assert.Equal(3, document.RootElement.GetProperty("hops").GetArrayLength());
    }

    [Fact]
    public async Task Summary_txt_is_the_table()
    {
        var (analysis, _) = await WriteSample();

        Assert.Equal(SummaryTable.Render(analysis.Summary), await File.ReadAllTextAsync(Path.Combine(_folder, RunResultsWriter.SummaryText)));
    }

    [Fact]
    public async Task Messages_csv_is_the_csv_of_the_records()
    {
        var (_, records) = await WriteSample();
        using var expected = new StringWriter();
        MessagesCsvWriter.Write(records, expected);

        var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, RunResultsWriter.MessagesCsv));

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "a BOM");
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(bytes));
        Assert.Equal(101, Encoding.UTF8.GetString(bytes).Count(c => c == '\n'));
    }

    [Fact]
    public async Task Histograms_hlog_holds_every_histogram_of_the_analysis()
    {
        var (analysis, _) = await WriteSample();

        await using var log = File.OpenRead(Path.Combine(_folder, RunResultsWriter.HistogramsLog));
        using var reader = new HistogramLogReader(log);
        var read = reader.ReadHistograms().ToArray();

        Assert.Equal(analysis.Histograms.Select(h => h.Name), read.Select(h => h.Tag));
        Assert.Equal(analysis.Histograms.Select(h => h.Histogram.TotalCount), read.Select(h => h.TotalCount));
        Assert.Equal(98, read[0].TotalCount);
        Assert.Equal(analysis.Summary.Start!.Value.UtcDateTime, reader.GetStartTime(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Writing_again_replaces_the_files()
    {
        await WriteSample();
        await File.WriteAllTextAsync(Path.Combine(_folder, RunResultsWriter.SummaryText), new string('x', 100_000));

        var (analysis, _) = await WriteSample();

        Assert.Equal(SummaryTable.Render(analysis.Summary), await File.ReadAllTextAsync(Path.Combine(_folder, RunResultsWriter.SummaryText)));
    }
}
