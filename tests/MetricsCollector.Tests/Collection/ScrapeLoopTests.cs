using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Sources;
using MeshAspire.MetricsCollector.Storage;
using MeshAspire.MetricsCollector.Tests.Scraping;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshAspire.MetricsCollector.Tests.Collection;

/// <summary>The scrape loop over real Kestrel targets on loopback: rounds, gaps, notes, resources, timeouts.</summary>
public sealed class ScrapeLoopTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly TestMeterFactory _meters = new();
    private readonly List<IReadOnlyList<Scrape>> _rounds = [];
    private MetricsTargetServer _action = null!;
    private MetricsTargetServer _conclusion = null!;

    public async Task InitializeAsync()
    {
        var body = ExpositionFixtures.Text("otel-dotnet-1.20.1-text");
        _action = await MetricsTargetServer.StartAsync(body);
        _conclusion = await MetricsTargetServer.StartAsync(body);
    }

    [Fact]
    public async Task Every_round_scrapes_every_target_and_adds_each_processs_memory_and_after_two_rounds_its_cpu()
    {
        var loop = Loop(Target("action01", _action.Metrics), Target("conclusion", _conclusion.Metrics));

        await loop.RoundAsync(CancellationToken.None);
        _action.Body = _action.Body.Replace("cpu_mode=\"user\"} 0.616239", "cpu_mode=\"user\"} 1.616239", StringComparison.Ordinal);
        await loop.RoundAsync(CancellationToken.None);

        Assert.Equal(2, _rounds.Count);
        foreach (var round in _rounds)
        {
            Assert.Equal(["action01", "conclusion", LocalResourceSeriesTarget], round.Select(s => s.Target));
            Assert.All(round, s => Assert.False(s.Failed));
            Assert.Equal(round[0].At, round[2].At);
            var action = round.Single(s => s.Target == "action01");
            Assert.Equal(ScrapeKind.Component, action.Kind);
            Assert.Contains(action.Samples, s => s.Name == "process_memory_usage_bytes" && s.Value == 84340736);
        }

        var first = _rounds[0].Single(s => s.Kind == ScrapeKind.Resources);
        Assert.DoesNotContain(first.Samples, s => s.Name == ResourceSeries.CpuCores && s.Label(ResourceSeries.Component) != "collector");
        Assert.Equal(84340736, first.Samples.Single(s => s.Name == ResourceSeries.MemoryBytes && s.Label(ResourceSeries.Component) == "action01").Value);

        var second = _rounds[1].Single(s => s.Kind == ScrapeKind.Resources);
        var actionCpu = second.Samples.Single(s => s.Name == ResourceSeries.CpuCores && s.Label(ResourceSeries.Component) == "action01");
        var conclusionCpu = second.Samples.Single(s => s.Name == ResourceSeries.CpuCores && s.Label(ResourceSeries.Component) == "conclusion");
        var elapsed = (_rounds[1][0].At - _rounds[0][0].At).TotalSeconds;
        Assert.Equal(1.0 / elapsed, actionCpu.Value, 6);
        Assert.Equal(0, conclusionCpu.Value);
        Assert.Equal(["action01", "action01", "application"], [actionCpu.Label(ResourceSeries.Component)!, actionCpu.Label(ResourceSeries.Container)!, actionCpu.Label(ResourceSeries.Role)!]);
        Assert.Contains(second.Samples, s => s.Name == ResourceSeries.MemoryBytes && s.Label(ResourceSeries.Role) == ResourceSeries.CollectorRole && s.Value > 0);
    }

    [Fact]
    public async Task A_target_that_stops_mid_run_leaves_a_gap_and_a_note_and_the_others_go_on()
    {
        var loop = Loop(Target("action01", _action.Metrics), Target("conclusion", _conclusion.Metrics));

        await loop.RoundAsync(CancellationToken.None);
        await _conclusion.StopAsync();
        await loop.RoundAsync(CancellationToken.None);
        await loop.RoundAsync(CancellationToken.None);

        var conclusion = _rounds.Select(r => r.Single(s => s.Target == "conclusion")).ToArray();
        Assert.False(conclusion[0].Failed);
        Assert.All(conclusion[1..], s => Assert.True(s.Failed));
        Assert.All(conclusion[1..], s => Assert.Empty(s.Samples));
        Assert.All(_rounds, r => Assert.False(r.Single(s => s.Target == "action01").Failed));
        Assert.All(_rounds[1..], r => Assert.DoesNotContain(
            r.Single(s => s.Kind == ScrapeKind.Resources).Samples, s => s.Label(ResourceSeries.Component) == "conclusion"));

        var note = Assert.Single(loop.Tally.Notes());
        Assert.StartsWith($"scrape local/conclusion ({_conclusion.Metrics}): 2 of 3 scrapes failed, gaps in its series; first at {conclusion[1].At:O}: ", note, StringComparison.Ordinal);
        Assert.Contains($"it vanished at {conclusion[1].At:O} and did not answer again", note, StringComparison.Ordinal);
        Assert.Equal(6, loop.Tally.Scrapes);
        Assert.Equal(2, loop.Tally.Failed);
    }

    [Fact]
    public async Task A_target_that_comes_back_has_a_gap_but_did_not_vanish()
    {
        var loop = Loop(Target("action01", _action.Metrics));

        await loop.RoundAsync(CancellationToken.None);
        _action.Available = false;
        await loop.RoundAsync(CancellationToken.None);
        _action.Available = true;
        await loop.RoundAsync(CancellationToken.None);

        Assert.Equal([false, true, false], _rounds.Select(r => r[0].Failed));
        Assert.Equal($"{_action.Metrics} answered 503 Service Unavailable", _rounds[1][0].Failure);
        var note = Assert.Single(loop.Tally.Notes());
        Assert.Contains(": 1 of 3 scrapes failed, gaps in its series; ", note, StringComparison.Ordinal);
        Assert.DoesNotContain("vanished", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_does_not_answer_in_time_fails_that_scrape_with_the_timeout()
    {
        var loop = Loop(TimeSpan.FromMilliseconds(200), Target("action01", new Uri(_action.Address, "/hang")), Target("conclusion", _conclusion.Metrics));

        await loop.RoundAsync(CancellationToken.None);

        var round = Assert.Single(_rounds);
        Assert.Equal("no answer within 0.2 s", round.Single(s => s.Target == "action01").Failure);
        Assert.False(round.Single(s => s.Target == "conclusion").Failed);
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_scrapes_at_its_interval_until_stopped_and_returns_its_tally()
    {
        var loop = Loop(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20), Target("action01", _action.Metrics));
        using var stopping = new CancellationTokenSource();

        var running = loop.RunAsync(stopping.Token);
        while (Rounds() < 3)
        {
            await Task.Delay(10);
        }

        await stopping.CancelAsync();
        var tally = await running;

        Assert.True(tally.Scrapes >= 3);
        Assert.Equal(0, tally.Failed);
        var times = Snapshot().Select(r => r[0].At).ToArray();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Length, times.Distinct().Count());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_round_being_stored_when_the_run_ends_is_stored_whole_and_the_loop_ends_quietly()
    {
        var storing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stored = new List<Scrape>();
        var loop = new ScrapeLoop(
            [Source(Target("action01", _action.Metrics))],
            async (round, cancellationToken) =>
            {
                storing.TrySetResult();
                await release.Task;
                cancellationToken.ThrowIfCancellationRequested();
                stored.AddRange(round);
            },
            new ScrapeLoopSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), LocalResources: true),
            new CollectorMetrics(_meters),
            NullLogger.Instance);
        using var stopping = new CancellationTokenSource();

        var running = loop.RunAsync(stopping.Token);
        await storing.Task;
        await stopping.CancelAsync();
        release.SetResult();
        var tally = await running;

        Assert.Equal(["action01", "processes"], stored.Select(s => s.Target));
        Assert.Empty(tally.Notes());
    }

    [Fact]
    public async Task A_store_that_fails_is_a_note_not_an_exception()
    {
        var loop = new ScrapeLoop(
            [Source(Target("action01", _action.Metrics))],
            (_, _) => throw new IOException("disk full"),
            new ScrapeLoopSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), LocalResources: true),
            new CollectorMetrics(_meters),
            NullLogger.Instance);

        await loop.RoundAsync(CancellationToken.None);

        Assert.EndsWith(" could not be stored: disk full", Assert.Single(loop.Tally.Notes()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_found_by_looking_again_is_scraped_from_then_on_and_noted_and_a_failed_look_is_noted()
    {
        var action = Target("action01", _action.Metrics);
        var conclusion = Target("conclusion", _conclusion.Metrics);
        var answers = new Queue<Func<(IReadOnlyList<IScrapeSource>, IReadOnlyList<string>)>>(
        [
            () => ([Source(action), Source(conclusion)], []),
            () => throw new HttpRequestException("the API server is away"),
            () => ([Source(action), Source(conclusion)], ["cluster cluster2: pods could not be listed"]),
        ]);
        var loop = Loop(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), new TargetRediscovery(TimeSpan.FromSeconds(30), _ => Task.FromResult(answers.Dequeue()())), action);

        await loop.RoundAsync(CancellationToken.None);
        await loop.RediscoverAsync(CancellationToken.None);
        await loop.RoundAsync(CancellationToken.None);
        await loop.RediscoverAsync(CancellationToken.None);
        await loop.RediscoverAsync(CancellationToken.None);
        await loop.RoundAsync(CancellationToken.None);

        Assert.Equal(["action01", LocalResourceSeriesTarget], _rounds[0].Select(s => s.Target));
        Assert.Equal(["action01", "conclusion", LocalResourceSeriesTarget], _rounds[1].Select(s => s.Target));
        Assert.Equal(["action01", "conclusion", LocalResourceSeriesTarget], _rounds[2].Select(s => s.Target));
        Assert.All(_rounds.SelectMany(r => r), s => Assert.False(s.Failed));
        var notes = loop.Tally.Notes();
        Assert.Equal(2, notes.Count);
        Assert.StartsWith($"scrape local/conclusion ({_conclusion.Metrics}) appeared during the run, first scraped after ", notes[0], StringComparison.Ordinal);
        Assert.StartsWith("looking for scrape targets again during the run failed 2 time(s), new pods may be missing; first at ", notes[1], StringComparison.Ordinal);
        Assert.EndsWith(": the API server is away", notes[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_target_is_scraped_at_its_new_address_the_old_one_retired_and_a_renamed_address_not_scraped_twice()
    {
        await using var restarted = await MetricsTargetServer.StartAsync(ExpositionFixtures.Text("otel-dotnet-1.20.1-text"));
        var action = Target("action01", _action.Metrics);
        var conclusion = Target("conclusion", _conclusion.Metrics);
        var actionAgain = Target("action01", restarted.Metrics);
        var conclusionRenamed = Target("conclusion@conclusion-7d9f", _conclusion.Metrics);
        var loop = Loop(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1),
            new TargetRediscovery(TimeSpan.FromSeconds(30), _ => Task.FromResult<(IReadOnlyList<IScrapeSource>, IReadOnlyList<string>)>(([Source(actionAgain), Source(conclusionRenamed)], []))),
            action, conclusion);

        await loop.RoundAsync(CancellationToken.None);
        await loop.RediscoverAsync(CancellationToken.None);
        await loop.RoundAsync(CancellationToken.None);

        Assert.Equal(["action01", "conclusion", LocalResourceSeriesTarget], _rounds[0].Select(s => s.Target));
        var second = _rounds[1].Where(s => s.Kind == ScrapeKind.Component).ToArray();
        Assert.Equal(["conclusion", "action01"], second.Select(s => s.Target));
        Assert.All(second, s => Assert.False(s.Failed));
        var notes = loop.Tally.Notes();
        Assert.Equal(2, notes.Count);
        Assert.StartsWith($"scrape local/action01 ({_action.Metrics}) was no longer listed at ", notes[0], StringComparison.Ordinal);
        Assert.StartsWith($"scrape local/action01 ({restarted.Metrics}) appeared during the run", notes[1], StringComparison.Ordinal);
    }

    private const string LocalResourceSeriesTarget = "processes";

    private int Rounds()
    {
        lock (_rounds)
        {
            return _rounds.Count;
        }
    }

    private IReadOnlyList<Scrape>[] Snapshot()
    {
        lock (_rounds)
        {
            return _rounds.ToArray();
        }
    }

    private ScrapeLoop Loop(params ScrapeTarget[] targets) => Loop(TimeSpan.FromSeconds(5), targets);

    private ScrapeLoop Loop(TimeSpan timeout, params ScrapeTarget[] targets) => Loop(timeout, TimeSpan.FromSeconds(1), targets);

    private ScrapeLoop Loop(TimeSpan timeout, TimeSpan interval, params ScrapeTarget[] targets) => Loop(timeout, interval, null, targets);

    private ScrapeLoop Loop(TimeSpan timeout, TimeSpan interval, TargetRediscovery? rediscovery, params ScrapeTarget[] targets) => new(
        targets.Select(Source).ToArray(),
        (round, _) =>
        {
            lock (_rounds)
            {
                _rounds.Add(round);
            }

            return Task.CompletedTask;
        },
        new ScrapeLoopSettings(interval, timeout, LocalResources: true),
        new CollectorMetrics(_meters),
        NullLogger.Instance,
        rediscovery);

    private IScrapeSource Source(ScrapeTarget target) => ScrapeSources.For(target, _http, []);

    private static ScrapeTarget Target(string name, Uri address) =>
        new(ScrapeTarget.LocalCluster, name, ScrapeKind.Component, address, TargetFormat.Prometheus, name, name, ResourceSeries.ApplicationRole);

    public async Task DisposeAsync()
    {
        await _action.DisposeAsync();
        await _conclusion.DisposeAsync();
        _http.Dispose();
        _meters.Dispose();
    }
}
