using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.Bench;

/// <summary>
/// The machine's floor for the chain: its three hops carried by four C processes (<c>bench/MachineFloor/relay.c</c>)
/// over loopback TCP with blocking reads and no runtime, paced and measured as the chain is (open loop, from the
/// intended send time). No program can carry the chain's messages faster on this machine: what the chain takes
/// beyond it is .NET's and the transport's; what the floor itself takes is the machine's (its scheduler, its timers).
/// </summary>
public sealed class MachineFloor(RepositoryLayout layout, string workFolder, BenchmarkOptions options)
{
    public const int Hops = 3;

    /// <summary>The generator, then the <see cref="Hops"/> processes in the order the relay names their pids.</summary>
    private static readonly string[] ProcessNames = ["generator", "relay 1", "relay 2", "sink"];
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);

    public async Task<CaseResult> RunAsync(int rate, CancellationToken cancellationToken)
    {
        var duration = options.DurationAt(rate);
        var warmup = Schedules.Constant(rate, options.Warmup).Count;
        var measured = Schedules.Constant(rate, duration).Count;
        var (relay, buildError) = await BuildAsync(cancellationToken);
        if (relay is null)
        {
            return CaseResult.Failed(CaseKind.MachineFloor, rate, duration, buildError!);
        }

        var prefix = Path.Combine(workFolder, string.Create(CultureInfo.InvariantCulture, $"machine-floor-{rate}-{DateTime.UtcNow:HHmmssfff}"));
        var start = new ProcessStartInfo(relay)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new object[] { Hops, rate, warmup, measured, options.PayloadBytes, prefix })
        {
            start.ArgumentList.Add(Convert.ToString(argument, CultureInfo.InvariantCulture)!);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{relay} did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var ready = await ReadLineAsync(process, "ready", StartPatience, cancellationToken);
            var pids = ready.Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            await using var sampler = new ProcessSampler(pids.Select((pid, i) => new WatchedProcess(ProcessNames[i], pid)).ToList());
            sampler.StartWindow();
            await process.StandardInput.WriteLineAsync("go");
            await process.StandardInput.FlushAsync(cancellationToken);
            var sendingTime = options.Warmup + duration + StartPatience;
            var sent = await ReadLineAsync(process, "sent", sendingTime, cancellationToken);
            sampler.EndWindow();
            var usage = await sampler.FinishAsync();
            await process.StandardInput.WriteLineAsync("end");
            await process.StandardInput.FlushAsync(cancellationToken);
            await ReadLineAsync(process, "done", BenchmarkOptions.Drain + StartPatience, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);

            var latency = ReadHistogram(prefix + ".e2e");
            var lag = ReadHistogram(prefix + ".lag");
            var firstSend = long.Parse(sent[2], CultureInfo.InvariantCulture);
            var lastSend = long.Parse(sent[3], CultureInfo.InvariantCulture);
            return new CaseResult
            {
                Kind = CaseKind.MachineFloor,
                Rate = rate,
                Duration = duration,
                Sent = measured,
                Received = latency.TotalCount,
                Lost = measured - latency.TotalCount,
                AchievedRate = lastSend > firstSend ? (measured - 1) / ((lastSend - firstSend) / 1e9) : 0,
                GeneratorLag = LatencySummary.From(lag),
                Latency = LatencySummary.From(latency),
                Usage = usage,
                CpuWindowSeconds = sampler.Window.TotalSeconds,
                MachineCoresDuring = sampler.MachineCores,
            };
        }
        catch (RelayFailedException failure)
        {
            var said = (await errors).Trim();
            return CaseResult.Failed(CaseKind.MachineFloor, rate, duration, said.Length > 0 ? $"{failure.Message}: {said}" : failure.Message);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Compiles relay.c with clang beside this program, unless the binary is newer than the source.</summary>
    private async Task<(string? Path, string? Error)> BuildAsync(CancellationToken cancellationToken)
    {
        var source = Path.Combine(layout.Root, "bench", "MachineFloor", "relay.c");
        var binary = Path.Combine(AppContext.BaseDirectory, "machine-floor", "relay");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source))
        {
            return (binary, null);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
        var compile = new ProcessStartInfo("clang")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-O2", "-Wall", "-Wextra", "-Werror", "-o", binary, source })
        {
            compile.ArgumentList.Add(argument);
        }

        try
        {
            using var clang = Process.Start(compile)!;
            var said = clang.StandardError.ReadToEndAsync(cancellationToken);
            await clang.WaitForExitAsync(cancellationToken);
            return clang.ExitCode == 0 ? (binary, null) : (null, $"clang could not compile {source}: {(await said).Trim()}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, $"the machine floor is a C program and needs clang (Debian: apt-get install clang), on {RuntimeInformation.OSDescription}; leave it out with --only");
        }
    }

    private static async Task<string[]> ReadLineAsync(Process process, string expected, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RelayFailedException($"the relay did not say \"{expected}\" within {patience.TotalSeconds:0} s");
        }

        var words = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return words.Length > 0 && words[0] == expected
            ? words
            : throw new RelayFailedException(line is null ? $"the relay ended before it said \"{expected}\"" : $"the relay said \"{line}\", not \"{expected}\"");
    }

    /// <summary>The relay's file of int64 nanoseconds, recorded as the chain records its latencies.</summary>
    private static HdrHistogram.LongHistogram ReadHistogram(string path)
    {
        var histogram = LatencyHistograms.Create();
        foreach (var nanos in MemoryMarshal.Cast<byte, long>(File.ReadAllBytes(path)))
        {
            LatencyHistograms.RecordNanos(histogram, nanos);
        }

        return histogram;
    }

    private sealed class RelayFailedException(string message) : Exception(message);
}
