using System.Text.Json;

namespace MeshAspire.AppHost.Tests;

/// <summary>The real app host, started once for the class, runs the smoke scenario end to end with its run stored in PostgreSQL.</summary>
public sealed class SmokeRunTests(SmokeRunFixture run) : IClassFixture<SmokeRunFixture>
{
    [Fact]
    public void The_collector_measures_the_run_and_exits_0() => Assert.Equal(0, run.CollectorExitCode);

    [Fact]
    public void The_dashboard_links_to_the_collectors_report() =>
        Assert.Matches("^http://localhost:[0-9]+/report$", run.ReportUrl);

    [Fact]
    public void Every_message_of_the_smoke_scenario_arrives()
    {
        var messages = run.Summary.GetProperty("messages");
        Assert.Equal(150, messages.GetProperty("scheduled").GetInt64());
        Assert.Equal(150, messages.GetProperty("sent").GetInt64());
        Assert.Equal(150, messages.GetProperty("received").GetInt64());
        Assert.Equal(0, messages.GetProperty("lost").GetInt64());
        Assert.Equal(0, messages.GetProperty("duplicates").GetInt64());
        Assert.True(run.Summary.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public void Latency_is_summarized_end_to_end_and_for_each_hop()
    {
        var e2e = run.Summary.GetProperty("endToEnd");
        Assert.Equal(150, e2e.GetProperty("count").GetInt64());
        Assert.True(e2e.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(e2e.GetProperty("p99Ms").GetDouble() >= e2e.GetProperty("p50Ms").GetDouble());
        var hops = run.Summary.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("component").GetString()!).ToArray();
        Assert.Equal(new[] { "action01", "action02", "conclusion" }, hops);
    }

    [Fact]
    public void Every_component_s_clock_is_read_before_and_after_the_run_and_is_the_collector_s_within_its_bound()
    {
        var clocks = run.Summary.GetProperty("clocks").EnumerateArray().ToArray();
        Assert.Equal(["trigger", "action01", "action02", "conclusion"], clocks.Select(c => c.GetProperty("component").GetString()));
        Assert.All(clocks, clock =>
        {
            var offset = clock.GetProperty("offsetMs").GetDouble();
            var bound = clock.GetProperty("errorBoundMs").GetDouble();
            Assert.True(Math.Abs(offset) <= bound, $"{clock}: one machine, one clock");
            Assert.Equal(JsonValueKind.Number, clock.GetProperty("driftMs").ValueKind);
        });
        Assert.True(run.Summary.GetProperty("endToEndErrorBoundMs").GetDouble() > 0);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(run.ResultsFolder, "clocks.csv")).Length);
    }

    [Fact]
    public void The_run_writes_its_results_folder()
    {
        Assert.True(File.Exists(Path.Combine(run.ResultsFolder, "summary.txt")));
        Assert.True(File.Exists(Path.Combine(run.ResultsFolder, "histograms.hlog")));
        var messages = File.ReadAllLines(Path.Combine(run.ResultsFolder, "messages.csv"));
        Assert.StartsWith("sequence,repetition,status,intended_ns", messages[0], StringComparison.Ordinal);
        var byRepetition = messages.Skip(1).Select(line => line.Split(',')).ToLookup(cells => cells[1]);
        Assert.Equal(100, byRepetition["0"].Count());
        Assert.Equal(150, byRepetition["1"].Count());
        Assert.All(messages.Skip(1), line => Assert.Contains(",delivered,", line, StringComparison.Ordinal));
    }

    [Fact]
    public void The_collector_writes_the_report_beside_the_results()
    {
        var html = File.ReadAllText(Path.Combine(run.ResultsFolder, "report.html"));
        Assert.Contains("data-chart=\"latency-over-time\"", html, StringComparison.Ordinal);
        using var smp = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.ResultsFolder, "smp-result.json")));
        Assert.Equal(run.Summary.GetProperty("runId").GetString(), smp.RootElement.GetProperty("id").GetString());
        Assert.Equal(150, smp.RootElement.GetProperty("meshaspire").GetProperty("latency_count").GetInt64());
    }

    [Fact]
    public async Task The_run_reported_from_postgresql_and_from_its_results_files_has_the_numbers_the_collector_reported_when_it_ended()
    {
        Assert.NotNull(run.RunStoreConnectionString);
        var runId = run.Summary.GetProperty("runId").GetString()!;
        var fromPostgres = Directory.CreateTempSubdirectory("meshaspire-pg-report-").FullName;
        var fromFiles = Directory.CreateTempSubdirectory("meshaspire-files-report-").FullName;
        try
        {
            var (exit, error) = await CollectorCommand.RunAsync(
                ["report", runId, "--out", fromPostgres], ("ConnectionStrings__runstore", run.RunStoreConnectionString));
            Assert.True(exit == 0, error);
            (exit, error) = await CollectorCommand.RunAsync(["report", run.ResultsFolder, "--out", fromFiles]);
            Assert.True(exit == 0, error);

            var atTheEnd = File.ReadAllText(Path.Combine(run.ResultsFolder, "smp-result.json"));
            Assert.Equal(atTheEnd, File.ReadAllText(Path.Combine(fromPostgres, "smp-result.json")));
            Assert.Equal(atTheEnd, File.ReadAllText(Path.Combine(fromFiles, "smp-result.json")));
            foreach (var csv in new[] { "chart-latency-over-time.csv", "chart-latency-percentiles.csv", "chart-hops.csv", "chart-rates.csv", "loss.csv" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(fromFiles, csv)), File.ReadAllText(Path.Combine(fromPostgres, csv)));
            }

            var html = File.ReadAllText(Path.Combine(fromPostgres, "report.html"));
            Assert.Contains("data-chart=\"cpu-application\"", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(fromPostgres, recursive: true);
            Directory.Delete(fromFiles, recursive: true);
        }
    }
}

/// <summary>The smoke run with its PostgreSQL in a folder of its own, so that no user's run store is touched.</summary>
public sealed class SmokeRunFixture() : AppHostRunFixture("smoke.properties", "--store", "postgres", "--RunStore:Home", StoreHome)
{
    private static readonly string StoreHome = Path.Combine(Path.GetTempPath(), $"meshaspire-smoke-runstore-{Guid.NewGuid():N}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StoreHome))
        {
            Directory.Delete(StoreHome, recursive: true);
        }
    }
}
