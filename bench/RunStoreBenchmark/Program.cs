using System.Diagnostics;
using System.Globalization;
using MeshAspire.Bench;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Storage.Postgres;

// Ingest speed of the run stores: rounds of scrapes of 20 targets (a scrape loop's batch), each target giving
// --samples samples with a few labels, appended one round per call, as the collector does.
//   dotnet run -c Release --project bench/RunStoreBenchmark -- [--rounds 100] [--samples 500] [--connection "..."]
var rounds = Option("--rounds", 100);
var samplesPerTarget = Option("--samples", 500);
const int Targets = 20;
var invariant = CultureInfo.InvariantCulture;

var batches = Enumerable.Range(0, rounds).Select(Round).ToArray();
var total = (long)rounds * Targets * samplesPerTarget;
var run = new RunDescriptor("bench", "bench", "duration=1s", DateTimeOffset.UtcNow, new Dictionary<string, string>());
Console.WriteLine($"{rounds} rounds x {Targets} targets x {samplesPerTarget} samples = {total.ToString("N0", invariant)} samples, one round per append");
Console.WriteLine("| store | samples | wall | samples/s (wall) | collector CPU | server CPU | samples per CPU second |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");


await using (var server = args.Contains("--connection") ? null : await PrivatePostgres.StartAsync())
{
    var connection = server?.ConnectionString ?? args[Array.IndexOf(args, "--connection") + 1];
    await using var postgres = PostgresRunStore.Create(connection);
    await postgres.MigrateAsync(CancellationToken.None);
    await postgres.BeginRunAsync(run, CancellationToken.None);
    await postgres.AppendScrapesAsync("bench", batches[0], CancellationToken.None); // warm-up: JIT, pool, prepared types
    var serverBefore = server?.CpuSeconds() ?? 0;
    var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var elapsed = await TimeAsync(() => AppendAllAsync(postgres));
    var client = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
    var serverCpu = server is null ? double.NaN : server.CpuSeconds() - serverBefore;
    Report($"PostgreSQL {server?.Version ?? "(given)"} (binary COPY, one transaction per append)", elapsed, client, serverCpu);
}

var root = Directory.CreateTempSubdirectory("meshaspire-bench-files-").FullName;
try
{
    await using var files = new FileRunStore(root);
    await files.BeginRunAsync(run, CancellationToken.None);
    var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var elapsed = await TimeAsync(() => AppendAllAsync(files));
    Report("files (one .prom per scrape)", elapsed, (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds, 0);
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task AppendAllAsync(IRunStore store)
{
    foreach (var batch in batches)
    {
        await store.AppendScrapesAsync("bench", batch, CancellationToken.None);
    }
}

// Wall-clock speed depends on what else the machine runs; samples per CPU second (collector and server together) less so.
void Report(string store, TimeSpan elapsed, double clientCpu, double serverCpu) =>
    Console.WriteLine(string.Create(invariant,
        $"| {store} | {total:N0} | {elapsed.TotalSeconds:0.00} s | {total / elapsed.TotalSeconds:N0} | {clientCpu:0.00} s | {serverCpu:0.00} s | {total / (clientCpu + serverCpu):N0} |"));

static async Task<TimeSpan> TimeAsync(Func<Task> work)
{
    var clock = Stopwatch.StartNew();
    await work();
    return clock.Elapsed;
}

Scrape[] Round(int round)
{
    var at = DateTimeOffset.UtcNow.AddSeconds(round);
    return Enumerable.Range(0, Targets).Select(t => new Scrape("local", $"target{t:00}", ScrapeKind.Component, at.AddMilliseconds(t), Samples(round, t))).ToArray();
}

MetricSample[] Samples(int round, int target) =>
    Enumerable.Range(0, samplesPerTarget).Select(i => new MetricSample(
        $"workflow_metric_{i % 50}_total",
        [new("component", $"target{target:00}"), new("le", (i / 50).ToString(invariant)), new("instance", "127.0.0.1:20000")],
        round * 1000.0 + i)).ToArray();

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
}
