using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Action;
using MeshAspire.Workflow.Conclusion;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Trigger;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// A scenario's components as real Kestrel servers on loopback in this process, each started and stopped on
/// demand, and the collector's own <see cref="RunCollector"/> to follow the run and account for it.
/// </summary>
internal sealed class LocalChain : IAsyncDisposable
{
    /// <summary>Chains load both cores: tests that run one run one at a time.</summary>
    public const string Collection = "local chains";

    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(30);

    private readonly string _folder;
    private readonly Dictionary<string, (int Http, int Hop)> _ports;
    private readonly Dictionary<string, WebApplication> _running = [];
    private readonly Dictionary<string, ComponentProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly string? _broker;

    private LocalChain(string folder, string scenarioPath, Scenario scenario, string? broker)
    {
        _folder = folder;
        _broker = broker;
        ScenarioPath = scenarioPath;
        Scenario = scenario;
        _ports = scenario.Chain.ToDictionary(c => c.RootName, _ => (FreePort.Next(), FreePort.Next()));
    }

    public string ScenarioPath { get; }

    public Scenario Scenario { get; }

    public string RunId { get; } = $"test-{Guid.NewGuid():N}";

    /// <param name="broker">The broker's connection string, for a scenario on an async transport.</param>
    public static LocalChain Create(string scenarioText, string? broker = null)
    {
        var folder = Directory.CreateTempSubdirectory("meshaspire-chain-").FullName;
        var path = Path.Combine(folder, "scenario.properties");
        File.WriteAllText(path, scenarioText);
        var parsed = ScenarioParser.Parse(path);
        Assert.True(parsed.Succeeded, string.Join(Environment.NewLine, parsed.Errors));
        return new LocalChain(folder, path, parsed.Scenario!, broker);
    }

    /// <summary>Starts the named components, or all of them (from the conclusion back) when none are named.</summary>
    public async Task StartAsync(params string[] names)
    {
        foreach (var name in names.Length > 0 ? names : Scenario.Chain.Reverse().Select(c => c.RootName))
        {
            var component = Scenario.Find(name);
            var created = WorkflowProgram.Create([], component.Role, RoleOf(component.Role), SettingsFor(component));
            Assert.True(created.App is not null, string.Join(Environment.NewLine, created.Errors));
            await created.App.StartAsync();
            _running[name] = created.App;
            if (!Scenario.Settings.Transport.IsSynchronous() && component.Role != ComponentRole.Trigger)
            {
                await WaitUntilReadyAsync(name);
            }
        }
    }

    /// <summary>
    /// Starts a component as its own program in a child process, with <paramref name="extra"/> settings beside the
    /// usual ones, and waits until its /health answers.
    /// </summary>
    public async Task StartInOwnProcessAsync(string name, IReadOnlyDictionary<string, string?> extra)
    {
        var component = Scenario.Find(name);
        var settings = SettingsFor(component);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var process = ComponentProcess.Start(component.Role, settings);
        _processes[name] = process;
        using var timeout = new CancellationTokenSource(StartupGrace);
        while (true)
        {
            Assert.False(process.HasExited, $"{name} exited while starting:{Environment.NewLine}{process.Output}");
            try
            {
                using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{_ports[name].Http}/health"), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    /// <summary>
    /// Polls a component's /health until it answers 200: on an async transport, until it is subscribed to its
    /// topic, so that nothing upstream publishes before its consumer exists (as the app host's WaitFor does).
    /// </summary>
    public async Task WaitUntilReadyAsync(string name)
    {
        using var timeout = new CancellationTokenSource(StartupGrace);
        while (true)
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{_ports[name].Http}/health"), timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    /// <summary>Stops a component the way a crash looks from outside: its listeners close and it answers no more.</summary>
    public async Task StopAsync(string name)
    {
        var app = _running[name];
        _running.Remove(name);
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>GETs a path of a component's HTTP port and returns the body.</summary>
    public Task<string> GetAsync(string name, string path) =>
        _http.GetStringAsync(new Uri($"http://127.0.0.1:{_ports[name].Http}{path}"));

    public Task<RunStatus?> StatusAsync(string name) => Client(Scenario.Find(name)).StatusAsync(CancellationToken.None);

    /// <summary>Polls a component's /run until <paramref name="condition"/> holds: synchronisation by state, not by time.</summary>
    public async Task<RunStatus> WaitForAsync(string name, Func<RunStatus, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await StatusAsync(name);
            if (status is not null && condition(status))
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    public Task<CollectedRun> CollectAsync(CancellationToken cancellationToken) =>
        new RunCollector(NullLogger<RunCollector>.Instance).CollectAsync(
            Scenario, RunId, Scenario.Chain.Select(Client).ToArray(), StartupGrace, cancellationToken);

    private ComponentClient Client(ComponentSpec component) =>
        new(_http, component, new Uri($"http://127.0.0.1:{_ports[component.RootName].Http}"));

    /// <summary>The configuration a component of this chain starts with.</summary>
    public Dictionary<string, string?> SettingsOf(string name) => SettingsFor(Scenario.Find(name));

    private Dictionary<string, string?> SettingsFor(ComponentSpec component)
    {
        var settings = new Dictionary<string, string?>
        {
            [WorkflowOptions.Scenario] = ScenarioPath,
            [WorkflowOptions.Component] = component.RootName,
            [WorkflowOptions.RunId] = RunId,
            [WorkflowOptions.ListenAddress] = "127.0.0.1",
            [WorkflowOptions.HttpPort] = _ports[component.RootName].Http.ToString(),
            [WorkflowOptions.HopPort] = _ports[component.RootName].Hop.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var transport = Scenario.Settings.Transport;
        if (!transport.IsSynchronous())
        {
            settings[$"ConnectionStrings:{BrokerEndpoint.ConnectionNameFor(transport)}"] = _broker
                ?? throw new InvalidOperationException($"a {transport.ToKey()} chain needs a broker");
        }
        else if (Scenario.NextHopOf(component.RootName) is { } next)
        {
            var scheme = transport == TransportKind.Tcp ? "tcp" : "http";
            settings[$"services:{next.RootName}:{HopAddress.EndpointNameFor(transport)}:0"] = $"{scheme}://127.0.0.1:{_ports[next.RootName].Hop}";
        }

        return settings;
    }

    private static Action<WebApplicationBuilder> RoleOf(ComponentRole role) => role switch
    {
        ComponentRole.Trigger => builder => builder.AddTriggerRole(),
        ComponentRole.Action => builder => builder.AddActionRole(),
        _ => builder => builder.AddConclusionRole(),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var component in Scenario.Chain.Where(c => _running.ContainsKey(c.RootName)))
        {
            await StopAsync(component.RootName);
        }

        foreach (var process in _processes.Values)
        {
            await process.DisposeAsync();
        }

        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
