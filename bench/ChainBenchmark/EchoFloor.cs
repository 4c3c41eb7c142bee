using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Grpc;

namespace MeshAspire.Bench;

/// <summary>
/// The floor: one bare gRPC hop on loopback with the chain's payload. This process is the open-loop client (the
/// workflow's own <see cref="GrpcHopSender"/> paced by <see cref="Pacer"/>); the server is this program started
/// again as <see cref="EchoServer"/>, in another process, that only answers.
/// </summary>
public sealed class EchoFloor(ChildProcesses children, BenchmarkOptions options)
{
    private static readonly TimeSpan Timeouts = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(5);

    public async Task<CaseResult> RunAsync(int rate, CancellationToken cancellationToken)
    {
        var duration = options.DurationAt(rate);
        var warmup = Schedules.Constant(rate, options.Warmup);
        var measured = Schedules.Constant(rate, duration);
        var load = new FloorLoad(warmup.Count, measured.Count, ByteString.CopyFrom(RandomNumberGenerator.GetBytes(options.PayloadBytes)));
        ChildProcess? server = null;
        GrpcHopSender? sender = null;
        try
        {
            for (var attempt = 1; sender is null; attempt++)
            {
                var port = FreePort.Next();
                server = children.Start(
                    string.Create(CultureInfo.InvariantCulture, $"floor-{rate}-echo"),
                    RepositoryLayout.SelfExecutable,
                    ["--echo-server", port.ToString(CultureInfo.InvariantCulture)],
                    new Dictionary<string, string?> { ["Logging__LogLevel__Default"] = "Warning", ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null });
                sender = await ConnectAsync(server, port, load, cancellationToken);
                if (sender is null)
                {
                    children.Kill([server]);
                    if (!ChildProcesses.PortWasTaken(server) || attempt == ChainCase.Attempts)
                    {
                        return CaseResult.Failed(CaseKind.Floor, rate, duration, $"the echo server did not start: {ChildProcesses.Reason(server)} (log {server.LogFile})");
                    }
                }
            }

            load.Sender = sender;
            await using var sampler = new ProcessSampler([new WatchedProcess("echo server", server!.Id), new WatchedProcess("client", Environment.ProcessId)]);
            sampler.StartWindow();
            foreach (var (schedule, isMeasured) in new[] { (warmup, false), (measured, true) })
            {
                load.BeginPass(isMeasured);
                await Task.Factory.StartNew(
                    () => Pacer.Run(schedule, Stopwatch.GetTimestamp(), load, cancellationToken),
                    cancellationToken,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
            }

            sampler.EndWindow();
            var drainUntil = Stopwatch.GetTimestamp() + (long)(BenchmarkOptions.Drain.TotalSeconds * Stopwatch.Frequency);
            while (load.Outstanding > 0 && Stopwatch.GetTimestamp() < drainUntil)
            {
                await Task.Delay(DrainPoll, cancellationToken);
            }

            var usage = await sampler.FinishAsync();
            var fromIntended = LatencySummary.From(load.FromIntended);
            var notes = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture,
                    $"latency from the intended send time (as the chain measures it): p50 {fromIntended.P50Ms:0.000} ms, p99 {fromIntended.P99Ms:0.000} ms, p99.9 {fromIntended.P999Ms:0.000} ms, max {fromIntended.MaxMs:0.000} ms"),
            };
            if (load.Outstanding > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{load.Outstanding:N0} messages unanswered after the {BenchmarkOptions.Drain.TotalSeconds:0} s drain"));
            }

            return new CaseResult
            {
                Kind = CaseKind.Floor,
                Rate = rate,
                Duration = duration,
                Sent = load.MeasuredSent,
                Received = load.MeasuredAcknowledged,
                Lost = load.MeasuredSent - load.MeasuredAcknowledged,
                AchievedRate = load.AchievedRate,
                GeneratorLag = LatencySummary.From(load.GeneratorLag),
                Latency = LatencySummary.From(load.RoundTrip),
                Usage = usage,
                CpuWindowSeconds = sampler.Window.TotalSeconds,
                MachineCoresDuring = sampler.MachineCores,
                Notes = notes,
            };
        }
        finally
        {
            if (sender is not null)
            {
                await sender.DisposeAsync();
            }

            if (server is not null)
            {
                children.Kill([server]);
            }
        }
    }

    /// <summary>The client, once the echo server answers; null when the server exits first (its port was taken, say).</summary>
    private static async Task<GrpcHopSender?> ConnectAsync(ChildProcess server, int port, FloorLoad load, CancellationToken cancellationToken)
    {
        var sender = new GrpcHopSender(new HopAddress("echo", new Uri($"http://127.0.0.1:{port}")), load, new HopSenderOptions(Timeouts, Timeouts));
        using var exited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = server.Process.WaitForExitAsync(exited.Token).ContinueWith(_ => exited.Cancel(), TaskScheduler.Default);
        try
        {
            await sender.ConnectAsync(exited.Token);
            return sender;
        }
        catch (Exception error) when (error is HopUnreachableException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await sender.DisposeAsync();
            return null;
        }
        finally
        {
            await exited.CancelAsync();
            await watch;
        }
    }
}
