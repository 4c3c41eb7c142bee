using System.Text.Json;
using System.Text.RegularExpressions;
using MeshAspire.MetricsCollector.Report;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed partial class ReportWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"meshaspire-report-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ReportInput None() => ReportRuns.Input("none-1", "none", 2000, 200, i => ReportRuns.Wavy(i), ReportRuns.Resources(1, 11, failAt: 5));

    private static ReportInput Istio() => ReportRuns.Input("istio-1", "istio", 4000, 400, i => ReportRuns.Wavy(i, 1.5), ReportRuns.Resources(1.5, 11));

    [Fact]
    public async Task One_run_writes_the_page_its_smp_result_and_the_charts_csvs()
    {
        var html = await ReportWriter.WriteAsync(_folder, [None()], CancellationToken.None);

        string[] expected = [ReportWriter.Html, ReportWriter.SmpResultJson, .. ReportCsv.All];
        Assert.Equal(Path.Combine(_folder, ReportWriter.Html), html);
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Several_runs_write_one_smp_result_each()
    {
        await ReportWriter.WriteAsync(_folder, [None(), Istio()], CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_folder, "smp-result.none-1.json")));
        Assert.True(File.Exists(Path.Combine(_folder, "smp-result.istio-1.json")));
        Assert.False(File.Exists(Path.Combine(_folder, ReportWriter.SmpResultJson)));
    }

    [Fact]
    public async Task The_page_is_self_contained()
    {
        var html = await File.ReadAllTextAsync(await ReportWriter.WriteAsync(_folder, [None(), Istio()], CancellationToken.None));

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("https://github.com/leeoniya/uPlot (v1.6.32)", html);
        Assert.Contains("window.onerror", html);
        Assert.DoesNotContain("{{", html);
    }

    [Fact]
    public async Task The_page_has_a_placeholder_and_the_data_of_every_chart()
    {
        var html = await File.ReadAllTextAsync(await ReportWriter.WriteAsync(_folder, [None(), Istio()], CancellationToken.None));
        var data = ReportData(html);

        var ids = data.GetProperty("charts").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();

        Assert.Equal(
            ["latency-over-time", "latency-percentiles", "hop-breakdown", "rates", "cpu-application", "cpu-sidecar", "cpu-broker", "cpu-means",
             "memory-application", "memory-sidecar", "memory-broker", "memory-means"],
            ids);
        Assert.All(ids, id => Assert.Contains($"data-chart=\"{id}\"", html));
    }

    [Fact]
    public async Task Every_run_is_in_the_tables_and_the_failed_scrape_in_the_notes()
    {
        var html = await File.ReadAllTextAsync(await ReportWriter.WriteAsync(_folder, [None(), Istio()], CancellationToken.None));

        foreach (var table in new[] { "runs", "latencies", "hops", "rates", "loss", "resource-means" })
        {
            Assert.Contains($"<table id=\"{table}\">", html);
        }

        Assert.Contains("none-1: local/containers (resources): 1 of 11 scrapes failed", html);
        Assert.Equal(2, Regex.Count(html, "whole run"));
    }

    [Fact]
    public async Task The_smp_result_has_the_specs_fields_and_ours()
    {
        var input = None();
        var summary = input.Stored.Analysis.Summary;
        await ReportWriter.WriteAsync(_folder, [input], CancellationToken.None);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, ReportWriter.SmpResultJson)));
        var root = json.RootElement;
        var latencies = root.GetProperty("latencies_ms");
        var ours = root.GetProperty("meshaspire");

        Assert.Equal("none-1", root.GetProperty("id").GetString());
        Assert.Equal(summary.Start, root.GetProperty("start_time").GetDateTimeOffset());
        Assert.Equal(summary.End, root.GetProperty("end_time").GetDateTimeOffset());
        Assert.Equal(summary.EndToEnd.MinMs, latencies.GetProperty("min").GetDouble());
        Assert.Equal(summary.EndToEnd.MeanMs, latencies.GetProperty("average").GetDouble());
        Assert.Equal(summary.EndToEnd.P50Ms, latencies.GetProperty("p50").GetDouble());
        Assert.Equal(summary.EndToEnd.P90Ms, latencies.GetProperty("p90").GetDouble());
        Assert.Equal(summary.EndToEnd.P99Ms, latencies.GetProperty("p99").GetDouble());
        Assert.Equal(summary.EndToEnd.MaxMs, latencies.GetProperty("max").GetDouble());
        Assert.Equal(summary.Rate.Achieved, root.GetProperty("actual_QPS").GetDouble());
        Assert.Equal("none", root.GetProperty("labels").GetProperty("mesh").GetString());
        Assert.Equal("grpc", root.GetProperty("labels").GetProperty("transport").GetString());
        Assert.Equal("local", root.GetProperty("envId").GetString());
        Assert.Equal(summary.EndToEnd.P999Ms, ours.GetProperty("p99_9_ms").GetDouble());
        Assert.Equal(summary.Messages.Lost, ours.GetProperty("messages").GetProperty("lost").GetInt64());
        Assert.Equal(summary.Messages.Duplicates, ours.GetProperty("messages").GetProperty("duplicates").GetInt64());
        Assert.Equal(summary.Messages.SendFailed, ours.GetProperty("errors").GetInt64());
        Assert.Equal("local", ours.GetProperty("environment").GetString());
        Assert.Equal("none", ours.GetProperty("mesh").GetString());
        Assert.Equal("grpc", ours.GetProperty("transport").GetString());
    }

    [Fact]
    public async Task The_csvs_hold_what_the_charts_show()
    {
        await ReportWriter.WriteAsync(_folder, [None(), Istio()], CancellationToken.None);

        var buckets = File.ReadAllLines(Path.Combine(_folder, ReportCsv.LatencyOverTime));
        var rates = File.ReadAllLines(Path.Combine(_folder, ReportCsv.Rates));
        var loss = File.ReadAllLines(Path.Combine(_folder, ReportCsv.Loss));
        var resources = File.ReadAllLines(Path.Combine(_folder, ReportCsv.Resources));

        Assert.Equal("run,bucket_start_s,bucket_s,count,min_ms,p50_ms,p99_ms,max_ms", buckets[0]);
        Assert.Equal(2000, buckets.Where(l => l.StartsWith("none-1,", StringComparison.Ordinal)).Sum(l => int.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("none-1,0,200,200", rates);
        Assert.Contains("istio-1,0,400,400", rates);
        Assert.Equal(["none-1,,run,2000,2000,0,0,0", "none-1,trigger,action01,2000,2000,0,0,0"], loss.Skip(1).Take(2));
        Assert.Contains(resources, l => l.StartsWith("none-1,5,meshaspire_resource_cpu_cores,local,trigger,trigger,application,", StringComparison.Ordinal) && l.EndsWith(','));
    }

    [Fact]
    public async Task Runs_share_their_bucket_widths_so_they_share_the_axes()
    {
        var runs = RunReduction.Reduce([None(), Istio()]);

        Assert.Equal(runs[0].Latency.BucketSeconds, runs[1].Latency.BucketSeconds);
        Assert.Equal(0.02, runs[0].Latency.BucketSeconds, 9);
        Assert.NotNull(runs[0].Latency.EveryMessage);
        Assert.Equal(2000, runs[0].Latency.EveryMessage!.Count);
        Assert.Equal(10, runs[0].TargetRate.Count);
        Assert.Equal(10, runs[1].TargetRate.Count);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_run_where_nothing_arrived_is_reported_beside_one_that_worked()
    {
        var (analysis, records) = ReportRuns.Chain("broken-1", 300, 100, i => ReportRuns.Wavy(i));
        var broken = records with { Components = [records.Components[0], null, null, null] };
        var brokenAnalysis = Workflow.Accounting.RunAccounting.Analyze(Workflow.Tests.Accounting.TestScenarios.Constant(100, "3s"), "broken-1", broken, ["the conclusion did not answer"]);
        var descriptor = new MeshAspire.MetricsCollector.Storage.RunDescriptor("broken-1", "accounting", "", analysis.Summary.Start!.Value, new Dictionary<string, string>());
        var input = new ReportInput(new MeshAspire.MetricsCollector.Storage.StoredRun(descriptor, brokenAnalysis, broken), ResourceUsage.Empty);

        var html = await File.ReadAllTextAsync(await ReportWriter.WriteAsync(_folder, [None(), input], CancellationToken.None));

        Assert.Contains("NOT MEASURED", html);
        Assert.Contains("broken-1: the conclusion did not answer", html);
        var latency = ReportData(html).GetProperty("charts")[0].GetProperty("series");
        Assert.Equal(2, latency.GetArrayLength());
        Assert.Equal(0, latency[1].GetProperty("x").GetArrayLength());
    }

    internal static JsonElement ReportData(string html)
    {
        var match = DataScript().Match(html);
        Assert.True(match.Success, "no report data in the page");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();

    [GeneratedRegex("(src|href)\\s*=\\s*[\"'](https?:|//)|<link\\b|@import|url\\(\\s*[\"']?https?:", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
