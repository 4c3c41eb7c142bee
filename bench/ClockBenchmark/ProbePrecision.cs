using System.Diagnostics;
using MeshAspire.MetricsCollector.Clocks;
using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Bench.Clocks;

/// <summary>
/// Readings of a real component's /clock on loopback, in this process: one clock, so the true offset is 0 and every
/// reading's offset is the estimator's own error.
/// </summary>
internal static class ProbePrecision
{
    public sealed record Result(long[] OffsetsNanos, long[] BoundsNanos, double[] ReadingMs, double AllocatedBytesPerProbe);

    public static async Task<Result> MeasureAsync(int readings)
    {
        var folder = Directory.CreateTempSubdirectory("meshaspire-clock-bench-").FullName;
        var scenarioPath = Path.Combine(folder, "scenario.properties");
        await File.WriteAllTextAsync(scenarioPath, SyntheticRun.ScenarioText);
        var port = FreeLoopbackPort.Next();
        var created = WorkflowProgram.Create([], ComponentRole.Trigger, _ => { }, new Dictionary<string, string?>
        {
            [WorkflowOptions.Scenario] = scenarioPath,
            [WorkflowOptions.Component] = "trigger",
            [WorkflowOptions.ListenAddress] = "127.0.0.1",
            [WorkflowOptions.HttpPort] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var app = created.App ?? throw new InvalidOperationException(string.Join(Environment.NewLine, created.Errors));
        await app.StartAsync();
        try
        {
            using var http = new HttpClient();
            var scenario = ScenarioParser.Parse(scenarioPath).Scenario!;
            ComponentClient[] target = [new(http, scenario.Find("trigger"), new Uri($"http://127.0.0.1:{port}"))];
            await ClockSync.AfterRunAsync(target, CancellationToken.None);

            var offsets = new long[readings];
            var bounds = new long[readings];
            var durations = new double[readings];
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < readings; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var reading = (await ClockSync.AfterRunAsync(target, CancellationToken.None))[0]
                    ?? throw new InvalidOperationException("the component did not answer /clock");
                durations[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                offsets[i] = reading.OffsetNanos;
                bounds[i] = reading.ErrorBoundNanos;
            }

            var perProbe = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)(readings * ClockSync.ProbesPerReading);
            return new Result(offsets, bounds, durations, perProbe);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
