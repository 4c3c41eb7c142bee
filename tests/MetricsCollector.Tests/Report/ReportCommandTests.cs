using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Tests.Storage;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"meshaspire-report-cli-{Guid.NewGuid():N}");

    public ReportCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> Report(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder().Build();
        var exit = await ReportCommand.RunAsync(args, configuration, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<string> Results(string runId, int messages = 500)
    {
        var (analysis, records) = ReportRuns.Chain(runId, messages, 100, i => ReportRuns.Wavy(i));
        return await RunResultsWriter.WriteAsync(Path.Combine(_folder, runId), analysis, records, CancellationToken.None);
    }

    /// <summary>A run kept by the files store in its own folder under this test's, with its scrapes.</summary>
    private async Task<string> FilesStoreRun(int scrapedSeconds)
    {
        var sample = new StoredRunSample();
        var store = new FileRunStore(_folder);
        await store.BeginRunAsync(sample.Run, CancellationToken.None);
        await store.AppendScrapesAsync(sample.Run.RunId, StoredRunSample.Scrapes(scrapedSeconds), CancellationToken.None);
        await store.CompleteRunAsync(sample.Run.RunId, sample.Analysis, sample.Records, sample.Notes, CancellationToken.None);
        return store.FolderOf(sample.Run.RunId);
    }

    [Fact]
    public async Task A_results_folder_is_reported_into_itself()
    {
        var run = await Results("run-1");

        var (exit, output, error) = await Report(run);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains(Path.Combine(run, ReportWriter.Html), output);
        Assert.True(File.Exists(Path.Combine(run, ReportWriter.SmpResultJson)));
        Assert.True(File.Exists(Path.Combine(run, RunResultsWriter.SummaryJson)));
    }

    [Fact]
    public async Task The_labels_of_a_run_described_in_its_folder_reach_its_smp_result()
    {
        var run = await Results("run-1");
        await File.WriteAllTextAsync(Path.Combine(run, "run.json"), """
            { "runId": "run-1", "scenario": "smoke", "started": "2026-11-28T02:00:00+00:00",
              "labels": { "mesh": "istio", "transport": "grpc", "environment": "kubernetes", "clusters": "cluster1,cluster2" } }
            """);

        var (exit, _, error) = await Report(run);

        Assert.True(exit == 0, error);
        using var smp = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, ReportWriter.SmpResultJson)));
        var labels = smp.RootElement.GetProperty("labels");
        Assert.Equal("kubernetes", labels.GetProperty("environment").GetString());
        Assert.Equal("cluster1,cluster2", labels.GetProperty("clusters").GetString());
        Assert.Equal("istio", labels.GetProperty("mesh").GetString());
    }

    [Fact]
    public async Task A_run_folder_of_the_files_store_is_reported_with_the_resource_usage_scraped_into_it()
    {
        var run = await FilesStoreRun(scrapedSeconds: 4);

        var (exit, _, error) = await Report(run);

        Assert.True(exit == 0, error);
        var resources = await File.ReadAllLinesAsync(Path.Combine(run, ReportCsv.Resources));
        Assert.Contains(resources, line => line.Contains("istio-proxy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_damaged_scrape_in_a_run_folder_is_named_with_exit_code_2()
    {
        var run = await FilesStoreRun(scrapedSeconds: 2);
        var scrape = Directory.GetFiles(run, "*.prom", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        await File.WriteAllTextAsync(scrape, "not a scrape line\n");

        var (exit, _, error) = await Report(run);

        Assert.Equal(2, exit);
        Assert.Contains(scrape, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Several_runs_go_into_the_folder_given_with_out()
    {
        var first = await Results("run-1");
        var second = await Results("run-2", 800);
        var output = Path.Combine(_folder, "compared");

        var (exit, _, error) = await Report(first, second, "--out", output);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var html = await File.ReadAllTextAsync(Path.Combine(output, ReportWriter.Html));
        Assert.Contains("run-1", html);
        Assert.Contains("run-2", html);
        Assert.True(File.Exists(Path.Combine(output, "smp-result.run-2.json")));
    }

    [Fact]
    public async Task Out_also_takes_an_equals_sign()
    {
        var run = await Results("run-1");

        var (exit, _, _) = await Report($"--out={Path.Combine(_folder, "eq")}", run);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(_folder, "eq", ReportWriter.Html)));
    }

    [Theory]
    [InlineData("--bogus", "--bogus: unknown option")]
    [InlineData("-x", "-x: unknown option")]
    [InlineData("--out", "--out: needs a folder")]
    [InlineData("--out=", "--out: needs a folder")]
    public async Task A_bad_flag_is_named_with_exit_code_2(string flag, string message)
    {
        var run = await Results("run-1");

        var (exit, output, error) = await Report(run, flag);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith($"report: {message}", error, StringComparison.Ordinal);
        Assert.Contains("usage: MetricsCollector report RUN...", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task No_run_is_bad_input()
    {
        var (exit, _, error) = await Report();

        Assert.Equal(2, exit);
        Assert.StartsWith("report: no RUN given", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_run_is_named()
    {
        var (exit, _, error) = await Report("20261128-no-such-run");

        Assert.Equal(2, exit);
        Assert.StartsWith("report: 20261128-no-such-run: no such run in ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_runs_results_is_named()
    {
        var (exit, _, error) = await Report(_folder);

        Assert.Equal(2, exit);
        Assert.StartsWith($"report: {_folder}: a folder without the summary.json", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunResultsWriter.SummaryJson, "{ \"runId\": ")]
    [InlineData(RunResultsWriter.MessagesCsv, "sequence,repetition\n")]
    [InlineData(RunResultsWriter.HistogramsLog, "#[StartTime: x]\nnot a histogram line\n")]
    [InlineData(RunResultsWriter.ClocksCsv, "component,offset\n")]
    [InlineData("run.json", "{ \"runId\": ")]
    public async Task An_unreadable_file_of_a_run_is_named(string file, string damaged)
    {
        var run = await Results("run-1");
        await File.WriteAllTextAsync(Path.Combine(run, file), damaged);

        var (exit, _, error) = await Report(run);

        Assert.Equal(2, exit);
        Assert.StartsWith($"report: {Path.Combine(run, file)}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_run_without_its_messages_is_named()
    {
        var run = await Results("run-1");
        File.Delete(Path.Combine(run, RunResultsWriter.MessagesCsv));

        var (exit, _, error) = await Report(run);

        Assert.Equal(2, exit);
        Assert.StartsWith($"report: {Path.Combine(run, RunResultsWriter.MessagesCsv)}: missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_folder_that_cannot_be_written_is_named()
    {
        var run = await Results("run-1");
        var blocked = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(blocked, "not a folder");

        var (exit, _, error) = await Report(run, "--out", blocked);

        Assert.Equal(2, exit);
        Assert.StartsWith($"report: --out {blocked}: cannot be written", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var (exit, output, error) = await Report("--help");

        Assert.Equal(0, exit);
        Assert.Contains("usage: MetricsCollector report RUN... [--out DIR]", output);
        Assert.Empty(error);
    }

    /// <summary>The collector's own executable dispatches <c>report</c> and exits 2 on bad input without a stack trace.</summary>
    [Fact]
    public async Task The_collector_executable_runs_the_report_command()
    {
        var run = await Results("run-1");
        var collector = Path.Combine(AppContext.BaseDirectory, "MetricsCollector.dll");

        var good = await Collector(collector, "report", run, "--out", Path.Combine(_folder, "cli"));
        var bad = await Collector(collector, "report", run, "--frobnicate");

        Assert.Equal(0, good.Exit);
        Assert.True(File.Exists(Path.Combine(_folder, "cli", ReportWriter.Html)), good.Error);
        Assert.Equal(2, bad.Exit);
        Assert.StartsWith("report: --frobnicate: unknown option", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", bad.Error);
    }

    private static async Task<(int Exit, string Output, string Error)> Collector(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
