using System.Diagnostics;
using System.Globalization;
using MeshAspire.Bench.Clocks;
using MeshAspire.Workflow.Accounting;

// The clock benchmark (never a test): what moving every cross-clock stamp to the collector's clock costs the
// accounting of a large run, and how precise the NTP-style probes are on loopback. Markdown on stdout.
// Usage: ClockBenchmark [MESSAGES] [READINGS]   (defaults 1000000 and 200)
var invariant = CultureInfo.InvariantCulture;
if (args.Length > 2 || !TryCount(args, 0, 1_000_000, out var messages) || !TryCount(args, 1, 200, out var readings))
{
    Console.Error.WriteLine("usage: ClockBenchmark [MESSAGES] [READINGS]  (positive whole numbers)");
    return 2;
}

var scenario = SyntheticRun.Scenario();
var plain = SyntheticRun.Create(messages);
var corrected = SyntheticRun.WithClocks(plain, messages);
Analyze(plain);
Analyze(corrected);
var withoutMs = Enumerable.Range(0, 5).Select(_ => Analyze(plain)).Order().ToArray();
var withMs = Enumerable.Range(0, 5).Select(_ => Analyze(corrected)).Order().ToArray();

Console.WriteLine(string.Create(invariant, $"### Accounting of {messages:N0} messages through four components (median of 5, after one warm-up each)"));
Console.WriteLine();
Console.WriteLine("| clocks | RunAccounting.Analyze | per message |");
Console.WriteLine("| --- | --- | --- |");
Console.WriteLine(string.Create(invariant, $"| none (one clock) | {withoutMs[2]:0} ms | {withoutMs[2] * 1e6 / messages:0} ns |"));
Console.WriteLine(string.Create(invariant, $"| measured, with drift (every cross-clock stamp interpolated) | {withMs[2]:0} ms | {withMs[2] * 1e6 / messages:0} ns |"));
Console.WriteLine();

var probes = await ProbePrecision.MeasureAsync(readings);
Console.WriteLine(string.Create(invariant, $"### {readings} readings of 16 probes each of a component's /clock on loopback, same process (true offset 0)"));
Console.WriteLine();
Console.WriteLine("| | p50 | p90 | p99 | max |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
Row("error bound (µs)", probes.BoundsNanos.Select(b => b / 1e3));
Row("|offset| = estimator's error (µs)", probes.OffsetsNanos.Select(o => Math.Abs(o) / 1e3));
Row("one reading (ms)", probes.ReadingMs);
Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"Readings whose offset lay outside their bound: {probes.OffsetsNanos.Zip(probes.BoundsNanos).Count(p => Math.Abs(p.First) > p.Second)}. Allocated per probe (collector and component together, one process): {probes.AllocatedBytesPerProbe:0} B."));
return 0;

double Analyze(RunRecords records)
{
    var started = Stopwatch.GetTimestamp();
    RunAccounting.Analyze(scenario, "bench", records, []);
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

void Row(string name, IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    Console.WriteLine(string.Create(invariant, $"| {name} | {At(0.5):0.0} | {At(0.9):0.0} | {At(0.99):0.0} | {sorted[^1]:0.0} |"));
}

static bool TryCount(string[] args, int index, int fallback, out int count)
{
    count = fallback;
    return index >= args.Length || (int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0);
}
