using System.Diagnostics;
using System.Globalization;
using MeshAspire.Bench.Report;
using MeshAspire.MetricsCollector.Report;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.Workflow.Accounting;

// The report of a large run: synthesised records through the real code path, in process and through the collector's
// own `report` command on the results folder it would have written. Usage: [--messages N] [--rate PER_SECOND]
var messages = 1_000_000;
var rate = 3_333.0;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--messages": messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--rate": rate = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"{args[i]}: unknown option (--messages N, --rate PER_SECOND)"); return 2;
    }
}

var work = Directory.CreateTempSubdirectory("meshaspire-report-bench-");
try
{
    var clock = Stopwatch.StartNew();
    var records = SyntheticRun.Records(messages, rate);
    var synthesised = clock.Elapsed;

    clock.Restart();
    var analysis = RunAccounting.Analyze(SyntheticRun.Scenario(messages, rate), "bench-1", records, []);
    var analysed = clock.Elapsed;

    var seconds = (int)Math.Ceiling(messages / rate);
    var run = new RunDescriptor("bench-1", "report-benchmark", "", analysis.Summary.Start!.Value, new Dictionary<string, string> { ["mesh"] = "none", ["transport"] = "grpc", ["environment"] = "local" });
    var input = new ReportInput(new StoredRun(run, analysis, records), ResourceUsage.From(SyntheticRun.Resources(seconds)));
    clock.Restart();
    await ReportWriter.WriteAsync(Path.Combine(work.FullName, "in-process"), [input], CancellationToken.None);
    var reported = clock.Elapsed;
    var inProcessPeak = Process.GetCurrentProcess().PeakWorkingSet64;

    var results = await RunResultsWriter.WriteAsync(Path.Combine(work.FullName, "results"), analysis, records, CancellationToken.None);
    var messagesCsv = new FileInfo(Path.Combine(results, RunResultsWriter.MessagesCsv)).Length;
    input = null;
    records = null;
    GC.Collect();

    var collector = Path.Combine(AppContext.BaseDirectory, "MetricsCollector.dll");
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { collector, "report", results, "--out", Path.Combine(work.FullName, "cli") })
    {
        start.ArgumentList.Add(arg);
    }

    clock.Restart();
    using (var child = Process.Start(start)!)
    {
        var childError = child.StandardError.ReadToEndAsync();
        await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            Console.Error.WriteLine($"report exited {child.ExitCode}: {await childError}");
            return 1;
        }
    }

    var command = clock.Elapsed;
    var (commandPeak, commandCpu) = ChildUsage.Read();
    var html = new FileInfo(Path.Combine(work.FullName, "cli", ReportWriter.Html)).Length;

    static string Mb(long bytes) => (bytes / 1e6).ToString("0", CultureInfo.InvariantCulture);
    static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
    var s = analysis.Summary;
    Console.WriteLine($"- Load average when done: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} processors");
    Console.WriteLine($"- {messages:N0} messages at {rate:0.#}/s ({seconds} s), trigger -> action01 -> action02 -> conclusion; delivered {s.Messages.Received:N0}, lost {s.Messages.Lost:N0}, duplicates {s.Messages.Duplicates:N0}; {seconds} scrapes of 6 containers");
    Console.WriteLine($"- `MetricsCollector report <results folder>` (its own process: reads summary.json, histograms.hlog and a {Mb(messagesCsv)} MB messages.csv, writes the report): **{S(command)} s wall, {S(commandCpu)} s CPU (user + system), peak RSS {Mb(commandPeak)} MB**; report.html {html / 1024.0:0} KiB");
    Console.WriteLine($"- In process, from the run's rows (a store's load): accounting {S(analysed)} s, report {S(reported)} s; the benchmark's own peak working set, with the synthesised rows of four components: {Mb(inProcessPeak)} MB (rows synthesised in {S(synthesised)} s)");
    return 0;
}
finally
{
    work.Delete(recursive: true);
}
