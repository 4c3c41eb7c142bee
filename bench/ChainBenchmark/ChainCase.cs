using System.Globalization;
using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshAspire.Bench;

/// <summary>
/// One chain case: the four role programs as separate processes on loopback (Release builds), one scenario at one
/// rate over one transport, followed to its end by the collector's own <see cref="RunCollector"/>, with every
/// process's resident set and CPU sampled on the side. Every child is killed when the case ends, however it ends.
/// </summary>
public sealed class ChainCase(RepositoryLayout layout, ChildProcesses children, string workFolder, BenchmarkOptions options)
{
    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StatusPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times a case is started again when a port found free was taken before a child could bind it.</summary>
    public const int Attempts = 3;

    public async Task<CaseResult> RunAsync(CaseKind kind, int rate, CancellationToken cancellationToken)
    {
        var retried = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var (result, portTaken) = await RunOnceAsync(kind, rate, cancellationToken);
            if (!portTaken || attempt == Attempts)
            {
                return retried.Count == 0 ? result : result with { Notes = [.. retried, .. result.Notes] };
            }

            retried.Add($"attempt {attempt} not measured, started again: {result.Error}");
        }
    }

    private async Task<(CaseResult Result, bool PortTaken)> RunOnceAsync(CaseKind kind, int rate, CancellationToken cancellationToken)
    {
        var transport = kind.TransportOf();
        var duration = options.DurationAt(rate);
        var path = ChainScenarioFile.Write(workFolder, kind, rate, duration, options.Warmup, BenchmarkOptions.Drain, options.PayloadBytes);
        var parsed = ScenarioParser.Parse(path);
        if (!parsed.Succeeded)
        {
            return (CaseResult.Failed(kind, rate, duration, string.Join("; ", parsed.Errors)), false);
        }

        var scenario = parsed.Scenario!;
        var runId = string.Create(CultureInfo.InvariantCulture, $"bench-{kind.Key()}-{rate}-{DateTime.UtcNow:yyyyMMddHHmmss}");
        var free = FreePort.Distinct(2 * ChainScenarioFile.Components.Count);
        var ports = ChainScenarioFile.Components.Select((c, i) => (c.Name, Http: free[2 * i], Hop: free[(2 * i) + 1])).ToDictionary(c => c.Name, c => (c.Http, c.Hop));
        var started = new List<ChildProcess>();
        BrokerProcess? broker = null;
        using var http = new HttpClient(); // the collector's own: the default timeout
        try
        {
            if (!transport.IsSynchronous())
            {
                broker = await BrokerProcess.StartAsync(kind, children, workFolder, cancellationToken);
            }

            // From the conclusion back, so each hop's next hop is already starting when it connects; over a broker,
            // each waits until it is subscribed (healthy), so nothing is published to a topic nobody reads yet.
            foreach (var (name, role) in ChainScenarioFile.Components.Reverse())
            {
                started.Add(children.Start($"{kind.Key()}-{rate}-{name}", layout.RoleExecutable(role, options.Runtime), [], ChildEnvironment(path, runId, name, transport, ports, broker)));
                if (broker is not null && role != "Trigger")
                {
                    await WaitUntilHealthyAsync(http, started[^1], ports[name].Http, cancellationToken);
                }
            }

            started.Reverse();
            var watched = started.Select((c, i) => new WatchedProcess(ChainScenarioFile.Components[i].Name, c.Id)).ToList();
            if (broker is not null)
            {
                watched.Add(new WatchedProcess(broker.ConnectionName, broker.WorkerId));
            }

            await using var sampler = new ProcessSampler(watched);
            var clients = scenario.Chain.Select(c => new ComponentClient(http, c, new Uri($"http://127.0.0.1:{ports[c.RootName].Http}"))).ToArray();

            using var caseStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var died = WatchForExitAsync(started, caseStop);
            var window = FollowSendingWindowAsync(clients[0], sampler, caseStop.Token);
            CollectedRun run;
            try
            {
                run = await new RunCollector(NullLogger<RunCollector>.Instance).CollectAsync(scenario, runId, clients, StartupGrace, caseStop.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Only a child's exit cancels the case from inside.
                await window;
                var child = await died;
                return child is null
                    ? (CaseResult.Failed(kind, rate, duration, "cancelled"), false)
                    : (CaseResult.Failed(kind, rate, duration, ExitedEarly(child)), ChildProcesses.PortWasTaken(child));
            }

            await caseStop.CancelAsync();
            await window;
            var exited = await died;
            var usage = await sampler.FinishAsync();
            var summary = run.Analysis.Summary;
            var notes = exited is null ? summary.Notes : [.. summary.Notes, ExitedEarly(exited)];
            var error = run.ExitCode == 0 && summary.Messages.Sent > 0 ? null : "the run could not be measured: " + string.Join("; ", notes);
            return (new CaseResult
            {
                Kind = kind,
                Rate = rate,
                Duration = duration,
                Sent = summary.Messages.Sent,
                Received = summary.Messages.Received,
                Lost = summary.Messages.Lost,
                AchievedRate = summary.Rate.Achieved,
                GeneratorLag = summary.GeneratorLag,
                Latency = summary.EndToEnd,
                Usage = usage,
                CpuWindowSeconds = sampler.Window.TotalSeconds,
                MachineCoresDuring = sampler.MachineCores,
                Notes = notes,
                Details = SummaryTable.Render(summary),
                Error = error,
            }, false);
        }
        finally
        {
            children.Kill(broker is null ? started : [.. started, broker.Child]);
        }
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, ChildProcess child, int httpPort, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartupGrace);
        while (true)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException(ExitedEarly(child));
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(StatusPoll, timeout.Token);
        }
    }

    private static Dictionary<string, string?> ChildEnvironment(
        string scenarioPath, string runId, string name, TransportKind transport, Dictionary<string, (int Http, int Hop)> ports, BrokerProcess? broker)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Workflow__Scenario"] = scenarioPath,
            ["Workflow__Component"] = name,
            ["Workflow__RunId"] = runId,
            ["Workflow__ListenAddress"] = "127.0.0.1",
            ["Workflow__HttpPort"] = ports[name].Http.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            // Nothing of the surroundings may change what is measured: no telemetry export, no other listen addresses.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            ["ASPNETCORE_URLS"] = null,
            ["DOTNET_URLS"] = null,
        };

        if (broker is not null)
        {
            environment[$"ConnectionStrings__{broker.ConnectionName}"] = broker.ConnectionString;
            return environment;
        }

        if (name != "trigger")
        {
            environment["Workflow__HopPort"] = ports[name].Hop.ToString(CultureInfo.InvariantCulture);
        }

        var index = ChainScenarioFile.Components.ToList().FindIndex(c => c.Name == name);
        if (index + 1 < ChainScenarioFile.Components.Count)
        {
            var next = ChainScenarioFile.Components[index + 1].Name;
            var endpoint = transport == TransportKind.Tcp ? "tcp" : "grpc";
            var scheme = transport == TransportKind.Tcp ? "tcp" : "http";
            environment[$"services__{next}__{endpoint}__0"] = $"{scheme}://127.0.0.1:{ports[next].Hop}";
        }

        return environment;
    }

    /// <summary>Completes with the first child that exits before the case ends, and cancels the case.</summary>
    private static string ExitedEarly(ChildProcess child) =>
        $"{child.Name} exited early (code {child.Process.ExitCode}): {ChildProcesses.Reason(child)} (log {child.LogFile})";

    private static async Task<ChildProcess?> WatchForExitAsync(IReadOnlyList<ChildProcess> started, CancellationTokenSource caseStop)
    {
        var exits = started.Select(async c =>
        {
            await c.Process.WaitForExitAsync(caseStop.Token);
            return c;
        }).ToList();
        try
        {
            var first = await await Task.WhenAny(exits);
            await caseStop.CancelAsync();
            return first;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The CPU window is the trigger's sending: from Running (warm-up first) to Draining (the last send).</summary>
    private static async Task FollowSendingWindowAsync(ComponentClient trigger, ProcessSampler sampler, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var status = await trigger.StatusAsync(cancellationToken);
                switch (status?.State)
                {
                    case RunState.Running:
                        sampler.StartWindow();
                        break;
                    case RunState.Draining or RunState.Completed or RunState.Failed:
                        sampler.EndWindow();
                        return;
                }

                await Task.Delay(StatusPoll, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The case ended first; FinishAsync closes the window.
        }
    }
}
