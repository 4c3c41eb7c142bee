using System.Diagnostics;
using System.Globalization;
using MeshAspire.Bench;
using MeshAspire.Bench.Scraping;
using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Sources;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Storage.Files;
using MeshAspire.MetricsCollector.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

// The scrape benchmark (never a test): the collector's scrape loop over N loopback Kestrel targets (in a child
// process) serving a captured /metrics of one of our components, every second, for --seconds each case:
// idle (nothing scraped: the floor of this process), the HTTP GETs alone, scrape with the scrapes discarded, scrape
// into the file run store (FileRunStore.AppendScrapesAsync, what the collector does with the default --store files),
// and into a private PostgreSQL (PostgresRunStore, --store postgres; the server's own CPU is printed apart).
// Prints a Markdown table: this process's CPU over each case's window in % of one core.
// With --rounds N each case instead runs N rounds back to back after --warmup rounds (each round's scrapes stamped
// one second after the last's, so the file store lays them out as at one round a second) and prints the CPU one round
// costs: a steadier figure than a paced window, whose few milliseconds of work a second drown in the machine's noise.
//   dotnet run -c Release --project bench/ScrapeBenchmark -- [--targets 20] [--seconds 60] [--warmup 5] [--rounds N]
//   --serve PORT,PORT,... PAYLOAD   (the child)
if (args.Length == 3 && args[0] == "--serve")
{
    return await TargetServer.RunAsync(args[1].Split(',').Select(int.Parse).ToArray(), args[2]);
}

var targetCount = Option("--targets", 20);
var seconds = Option("--seconds", 60);
var warmup = Option("--warmup", 5);
var tightRounds = Option("--rounds", 0);
var payload = Path.Combine(AppContext.BaseDirectory, "payload.txt");
var ports = Enumerable.Range(0, targetCount).Select(_ => FreeLoopbackPort.Next()).ToArray();

using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!)
{
    ArgumentList = { "--serve", string.Join(',', ports), payload },
    RedirectStandardInput = true,
    RedirectStandardOutput = true,
    UseShellExecute = false,
}) ?? throw new InvalidOperationException("the target process did not start");
if (await child.StandardOutput.ReadLineAsync() != "ready")
{
    throw new InvalidOperationException("the target process did not get ready");
}

using var http = new HttpClient();
using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
using var metrics = new CollectorMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
var targets = ports.Select((port, i) => new ScrapeTarget(ScrapeTarget.LocalCluster, $"action{i:00}", ScrapeKind.Component,
    new Uri($"http://127.0.0.1:{port}/metrics"), TargetFormat.Prometheus, $"action{i:00}", $"action{i:00}", ResourceSeries.ApplicationRole)).ToArray();
var sources = targets.Select(t => ScrapeSources.For(t, http, [])).ToArray();
var settings = new ScrapeLoopSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), LocalResources: true);
var files = Directory.CreateTempSubdirectory("meshaspire-scrape-bench-").FullName;
var store = new FileRunStore(files);

Console.Error.WriteLine($"{targetCount} targets, {new FileInfo(payload).Length:N0} B each, {seconds} s per case after {warmup} s warm-up");
var fetchOnly = targets.Select(t => (IScrapeSource)new FetchOnlySource(http, t)).ToArray();
var rows = new List<string>
{
    await MeasureAsync("idle (nothing scraped)", sources, null),
    await MeasureAsync("GET only (no parsing); discarded", fetchOnly, (_, _) => Task.CompletedTask),
    await MeasureAsync("GET, parse, resources; discarded", sources, (_, _) => Task.CompletedTask),
    await MeasureAsync("GET, parse, resources; scrape files written", sources,
        (scrapes, cancellationToken) => store.AppendScrapesAsync("scrape-bench", scrapes, cancellationToken)),
};

await using (var postgres = await PrivatePostgres.StartAsync())
await using (var database = PostgresRunStore.Create(postgres.ConnectionString))
{
    await database.BeginRunAsync(
        new RunDescriptor("scrape-bench", "bench", "", DateTimeOffset.UtcNow, new Dictionary<string, string>()), CancellationToken.None);
    var serverBefore = postgres.CpuSeconds();
    var row = await MeasureAsync("GET, parse, resources; PostgreSQL store", sources,
        (scrapes, cancellationToken) => database.AppendScrapesAsync("scrape-bench", scrapes, cancellationToken));
    rows.Add(row);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"PostgreSQL server CPU over the PostgreSQL case (warm-up included): {postgres.CpuSeconds() - serverBefore:0.00} s"));
}

child.StandardInput.Close();
await child.WaitForExitAsync();
Directory.Delete(files, recursive: true);

Console.WriteLine(tightRounds > 0
    ? "| case | CPU (% of one core at one round a second) | allocated | rounds | scrapes | failed |\n| --- | --- | --- | --- | --- | --- |"
    : "| case | CPU (% of one core) | allocated | rounds | scrapes | failed |\n| --- | --- | --- | --- | --- | --- |");
rows.ForEach(Console.WriteLine);
return 0;

async Task<string> MeasureAsync(string name, IScrapeSource[] measured, ScrapeSink? sink) =>
    tightRounds > 0 ? await MeasureRoundsAsync(name, measured, sink) : await MeasurePacedAsync(name, measured, sink);

async Task<string> MeasureRoundsAsync(string name, IScrapeSource[] measured, ScrapeSink? sink)
{
    Console.Error.WriteLine($"case: {name} ({warmup} + {tightRounds} rounds back to back)");
    if (sink is null)
    {
        return $"| {name} | — | — | — | 0 | 0 |";
    }

    var shift = TimeSpan.Zero;
    var start = DateTimeOffset.UtcNow;
    ScrapeSink paced = (scrapes, cancellationToken) =>
    {
        shift += TimeSpan.FromSeconds(1);
        return sink(scrapes.Select(scrape => scrape with { At = start + shift + (scrape.At - DateTimeOffset.UtcNow) }).ToArray(), cancellationToken);
    };
    var loop = new ScrapeLoop(measured, paced, settings, metrics, NullLogger.Instance);
    for (var i = 0; i < warmup; i++)
    {
        await loop.RoundAsync(CancellationToken.None);
    }

    var scrapesBefore = loop.Tally.Scrapes;
    var failedBefore = loop.Tally.Failed;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var collectionsBefore = GC.CollectionCount(0);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < tightRounds; i++)
    {
        await loop.RoundAsync(CancellationToken.None);
    }

    var perRound = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / tightRounds;
    var allocatedPerRound = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / tightRounds;
    var collections = GC.CollectionCount(0) - collectionsBefore;
    return string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {perRound / 10:0.00} % ({perRound:0.00} ms a round) | {allocatedPerRound / 1024:N0} KiB a round, {collections} gen0 GCs | {tightRounds} | {loop.Tally.Scrapes - scrapesBefore} | {loop.Tally.Failed - failedBefore} |");
}

async Task<string> MeasurePacedAsync(string name, IScrapeSource[] measured, ScrapeSink? sink)
{
    Console.Error.WriteLine($"case: {name}");
    var loop = sink is null ? null : new ScrapeLoop(measured, sink, settings, metrics, NullLogger.Instance);
    using var stop = new CancellationTokenSource();
    var running = loop is null ? Task.FromResult<ScrapeTally?>(null) : RunAsync(loop, stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(warmup));
    var scrapesBefore = loop?.Tally.Scrapes ?? 0;
    var failedBefore = loop?.Tally.Failed ?? 0;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var collectionsBefore = GC.CollectionCount(0);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var allocatedPerSecond = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / wall.Elapsed.TotalSeconds;
    var collections = GC.CollectionCount(0) - collectionsBefore;
    var elapsed = wall.Elapsed;
    var scrapes = (loop?.Tally.Scrapes ?? 0) - scrapesBefore;
    var failed = (loop?.Tally.Failed ?? 0) - failedBefore;
    await stop.CancelAsync();
    await running;
    var percent = 100 * cpu.TotalSeconds / elapsed.TotalSeconds;
    return string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {percent:0.00} % | {allocatedPerSecond / 1024:N0} KiB a second, {collections} gen0 GCs | {scrapes / Math.Max(1, targetCount)} | {scrapes} | {failed} |");
}

static async Task<ScrapeTally?> RunAsync(ScrapeLoop loop, CancellationToken stop) => await Task.Run(() => loop.RunAsync(stop));

int Option(string flag, int fallback)
{
    var i = Array.IndexOf(args, flag);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
