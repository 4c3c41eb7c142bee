using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MeshAspire.Bench;

// The chain benchmark (never a test): the floor (one bare gRPC echo hop) and the four-component chain over grpc and
// tcp, each at every rate asked for, one after the other on this machine; the Markdown report goes to stdout (and
// --out FILE), progress to stderr. `--echo-server PORT` is the floor's server: this program started again.
var options = BenchmarkOptions.Parse(args, out var error);
if (options is null)
{
    if (!string.IsNullOrEmpty(error))
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return string.IsNullOrEmpty(error) ? 0 : 2;
}

if (options.EchoServerPort is { } echoPort)
{
    return EchoServer.Run(echoPort);
}

var layout = RepositoryLayout.Find();
using var stop = new CancellationTokenSource();
if (options.Runtime == RoleRuntime.Aot && options.Kinds.Any(kind => !kind.IsFloor()))
{
    var published = await NativeRoles.PublishAsync(layout, Progress, CancellationToken.None);
    if (published is not null)
    {
        Console.Error.WriteLine(published);
        return 1;
    }
}

// Before each case the machine's load is measured a second at a time until a second is quiet (or 30 s have passed).
var quietCheck = TimeSpan.FromSeconds(1);
const double quietCores = 0.25;
var quietPatience = TimeSpan.FromSeconds(30);
var workFolder = Directory.CreateTempSubdirectory("meshaspire-bench-").FullName;
var results = new List<CaseResult>();
using (var children = new ChildProcesses(workFolder))
{
    // Ctrl+C, kill (SIGTERM) or a closed terminal end the case in progress, kill its children and print what was
    // measured; a second signal kills the children at once and lets the signal end this process.
    var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, context =>
    {
        if (stop.IsCancellationRequested)
        {
            children.KillAll();
            return;
        }

        context.Cancel = true;
        Progress($"{context.Signal}: stopping the children; again to exit at once");
        stop.Cancel();
    })).ToArray();

    var floor = new EchoFloor(children, options);
    var machineFloor = new MachineFloor(layout, workFolder, options);
    var chain = new ChainCase(layout, children, workFolder, options);
    try
    {
        foreach (var kind in options.Kinds)
        {
            foreach (var rate in options.Rates)
            {
                var duration = options.DurationAt(rate);
                Progress(string.Create(CultureInfo.InvariantCulture, $"{kind.Key()} at {rate:N0} msg/s for {duration.TotalSeconds:0.###} s (+ {options.Warmup.TotalSeconds:0.###} s warm-up)"));
                CaseResult result;
                var waitStart = Stopwatch.GetTimestamp();
                var machineBefore = await ProcessSampler.WaitForQuietAsync(quietCheck, quietCores, quietPatience, stop.Token);
                if (Stopwatch.GetElapsedTime(waitStart) > quietCheck * 1.5)
                {
                    Progress(string.Create(CultureInfo.InvariantCulture, $"  waited {Stopwatch.GetElapsedTime(waitStart).TotalSeconds:0} s for a quiet machine ({machineBefore:0.00} cores busy)"));
                }

                try
                {
                    result = kind switch
                    {
                        CaseKind.Floor => await floor.RunAsync(rate, stop.Token),
                        CaseKind.MachineFloor => await machineFloor.RunAsync(rate, stop.Token),
                        _ => await chain.RunAsync(kind, rate, stop.Token),
                    };
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception failure)
                {
                    result = CaseResult.Failed(kind, rate, duration, failure.Message);
                }

                results.Add(result = result with { MachineCoresBefore = machineBefore });
                Progress(result.Error is null
                    ? string.Create(CultureInfo.InvariantCulture, $"  sent {result.Sent:N0}, lost {result.Lost:N0}, p99 {result.Latency.P99Ms:0.000} ms")
                    : $"  not measured: {result.Error}");
            }
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        Progress("cancelled");
    }
    finally
    {
        children.KillAll();
        foreach (var signal in signals)
        {
            signal.Dispose();
        }
    }
}

var report = MarkdownReport.Render(MachineFacts.Read(layout.Root), options, results, stop.IsCancellationRequested);
Console.Out.Write(report);
if (options.OutFile is { } outFile)
{
    File.WriteAllText(outFile, report);
    Progress($"report written to {Path.GetFullPath(outFile)}");
}

if (results.Any(r => r.Error is not null) || stop.IsCancellationRequested)
{
    Progress($"children's logs kept in {workFolder}");
    return stop.IsCancellationRequested ? 130 : 1;
}

Directory.Delete(workFolder, recursive: true);
return 0;

static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
