using MeshAspire.Workflow.Chain.Tests;
using MeshAspire.Workflow.Conclusion;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using Microsoft.AspNetCore.Builder;

namespace MeshAspire.MetricsCollector.Tests.Hosting;

/// <summary>
/// The collector's real web host following a two-component run on loopback of which only the conclusion (a real
/// component) runs: the trigger's address answers nothing, so the collector keeps waiting for it and keeps scraping
/// (the conclusion every round, the trigger's failures counted) while the tests look at its endpoints.
/// </summary>
public sealed class CollectorHostFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meshaspire-collector-").FullName;
    private WebApplication? _conclusion;
    private WebApplication? _collector;

    public int CollectorPort { get; } = FreePort.Next();

    public int ConclusionPort { get; } = FreePort.Next();

    public Uri Collector => new($"http://127.0.0.1:{CollectorPort}");

    public Uri Conclusion => new($"http://127.0.0.1:{ConclusionPort}");

    public string ResultsFolder => Path.Combine(_folder, "results");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        var scenario = Path.Combine(_folder, "scenario.properties");
        await File.WriteAllTextAsync(scenario, """
            duration=2s
            transport=grpc

            [trigger]
            rootname=trigger
            operation.ops.start=10
            operation.ops.end=10
            communication.hostname.to=conclusion
            communication.port.to=10091

            [conclusion]
            rootname=conclusion
            communication.port.from=10091
            """);

        var conclusion = WorkflowProgram.Create([], ComponentRole.Conclusion, builder => builder.AddConclusionRole(), new Dictionary<string, string?>
        {
            [WorkflowOptions.Scenario] = scenario,
            [WorkflowOptions.Component] = "conclusion",
            [WorkflowOptions.RunId] = "collector-host-test",
            [WorkflowOptions.ListenAddress] = "127.0.0.1",
            [WorkflowOptions.HttpPort] = $"{ConclusionPort}",
            [WorkflowOptions.HopPort] = $"{FreePort.Next()}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        Assert.True(conclusion.App is not null, string.Join(Environment.NewLine, conclusion.Errors));
        _conclusion = conclusion.App;
        await _conclusion.StartAsync();

        _collector = CollectorHost.Build([], new Dictionary<string, string?>
        {
            ["urls"] = Collector.AbsoluteUri,
            [WorkflowOptions.Scenario] = scenario,
            [WorkflowOptions.RunId] = "collector-host-test",
            ["Collector:Results"] = ResultsFolder,
            ["Collector:ScrapeInterval"] = "00:00:00.250",
            ["Collector:ScrapeTimeout"] = "00:00:05",
            ["Collector:StartupGrace"] = "01:00:00",
            ["Collector:ServeAfterRun"] = "true",
            ["services:trigger:http:0"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["services:conclusion:http:0"] = Conclusion.AbsoluteUri,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _collector.StartAsync();
    }

    /// <summary>GETs <paramref name="address"/> until <paramref name="answered"/> holds for its body, or fails at the deadline.</summary>
    public async Task<string> PollAsync(Uri address, Func<string, bool> answered, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var last = "";
        while (true)
        {
            try
            {
                last = await Http.GetStringAsync(address, timeout.Token);
                if (answered(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"{address} did not give the expected answer within {deadline}; last: {last}");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{address} did not give the expected answer within {deadline}; last: {last}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _collector, _conclusion })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        Http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
