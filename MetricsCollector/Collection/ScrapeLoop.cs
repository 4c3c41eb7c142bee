using System.Diagnostics;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Resources;
using MeshAspire.MetricsCollector.Sources;
using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>Where each round of scrapes goes: the run store's <see cref="IRunStore.AppendScrapesAsync"/>.</summary>
public delegate Task ScrapeSink(IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken);

/// <param name="Interval">Time between the starts of two rounds.</param>
/// <param name="Timeout">How long one target may take; past it the scrape fails.</param>
/// <param name="LocalResources">Whether to derive each process's CPU and memory from its scrape (a local run).</param>
public sealed record ScrapeLoopSettings(TimeSpan Interval, TimeSpan Timeout, bool LocalResources)
{
    /// <summary>
    /// The settings a run's configuration gives: <see cref="CollectorOptions.ScrapeInterval"/> or 1 s locally and 5 s in
    /// a cluster; <see cref="CollectorOptions.ScrapeTimeout"/> or the interval, at most 10 s; each process's own CPU
    /// and memory only locally.
    /// </summary>
    public static ScrapeLoopSettings From(IConfiguration configuration, bool inCluster)
    {
        var interval = configuration.GetValue(
            CollectorOptions.ScrapeInterval, inCluster ? CollectorOptions.DefaultClusterScrapeInterval : CollectorOptions.DefaultScrapeInterval);
        var defaultTimeout = interval < CollectorOptions.MaxDefaultScrapeTimeout ? interval : CollectorOptions.MaxDefaultScrapeTimeout;
        return new ScrapeLoopSettings(interval, configuration.GetValue(CollectorOptions.ScrapeTimeout, defaultTimeout), LocalResources: !inCluster);
    }
}

/// <summary>
/// Scrapes every target at a set interval, all at once with a timeout each, and hands each round to the store.
/// A failed scrape is a <see cref="Scrape"/> with its reason (a gap), counted for the run's notes; never an exception.
/// With a <see cref="TargetRediscovery"/> it looks for targets again now and then: an address not scraped yet is
/// added, and a target whose address a look no longer lists in its cluster is retired (its address may be given to
/// another pod), each with a note.
/// </summary>
public sealed partial class ScrapeLoop(
    IReadOnlyList<IScrapeSource> sources,
    ScrapeSink sink,
    ScrapeLoopSettings settings,
    CollectorMetrics metrics,
    ILogger logger,
    TargetRediscovery? rediscovery = null)
{
    private readonly LocalResourceSeries _resources = new();
    private static readonly TimeSpan LongestLook = TimeSpan.FromSeconds(10);

    private readonly List<IScrapeSource> _sources = [.. sources];

    public ScrapeTally Tally { get; } = new();

    /// <summary>Scrapes until <paramref name="stopping"/> is cancelled, then returns how it went.</summary>
    public async Task<ScrapeTally> RunAsync(CancellationToken stopping)
    {
        metrics.Targets(_sources.Count);
        using var timer = new PeriodicTimer(settings.Interval);
        var nextLook = rediscovery is null ? DateTimeOffset.MaxValue : DateTimeOffset.UtcNow + rediscovery.Every;
        try
        {
            do
            {
                if (DateTimeOffset.UtcNow >= nextLook)
                {
                    nextLook = DateTimeOffset.UtcNow + rediscovery!.Every;
                    await RediscoverAsync(stopping);
                }

                await RoundAsync(stopping);
            }
            while (await TickAsync(timer, stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        return Tally;
    }

    /// <summary>
    /// Looks for targets again (bounded by the interval between looks, at most 10 s): adds an address not scraped yet,
    /// retires one a listed cluster no longer has; a look that fails changes nothing and is counted for the notes.
    /// </summary>
    public async Task RediscoverAsync(CancellationToken stopping)
    {
        if (rediscovery is null)
        {
            return;
        }

        var at = DateTimeOffset.UtcNow;
        IReadOnlyList<IScrapeSource> found;
        IReadOnlyList<string> failures;
        using (var look = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            look.CancelAfter(rediscovery.Every < LongestLook ? rediscovery.Every : LongestLook);
            try
            {
                (found, failures) = await rediscovery.FindAsync(look.Token);
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                (found, failures) = ([], [error is OperationCanceledException ? "no answer in time" : Reason(error)]);
            }
        }

        foreach (var failure in failures)
        {
            Tally.RediscoveryFailed(at, failure);
        }

        var listed = found.Select(source => (source.Target.Cluster, source.Target.Address)).ToHashSet();
        var listedClusters = found.Select(source => source.Target.Cluster).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _sources.Where(source => listedClusters.Contains(source.Target.Cluster) && !listed.Contains((source.Target.Cluster, source.Target.Address))).ToArray())
        {
            _sources.Remove(gone);
            Tally.Retired(gone.Target, at);
        }

        var scraped = _sources.Select(source => (source.Target.Cluster, source.Target.Address)).ToHashSet();
        foreach (var source in found.Where(source => scraped.Add((source.Target.Cluster, source.Target.Address))))
        {
            _sources.Add(source);
            Tally.Appeared(source.Target, at);
            LogAppeared(source.Target.ToString());
        }

        metrics.Targets(_sources.Count);
    }

    /// <summary>One round: every target at once; the scrapes the end of the run cut short are dropped, not failed.</summary>
    public async Task RoundAsync(CancellationToken stopping)
    {
        var at = DateTimeOffset.UtcNow;
        var current = _sources.ToArray();
        var scraped = await Task.WhenAll(current.Select(source => ScrapeAsync(source, at, stopping)));
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        var round = new List<Scrape>(scraped.Length + 1);
        for (var i = 0; i < scraped.Length; i++)
        {
            Tally.Record(current[i].Target, scraped[i]);
            round.Add(scraped[i]);
        }

        if (settings.LocalResources)
        {
            var own = LocalResourceSeries.OwnUsage();
            round.Add(_resources.Read(ScrapeTarget.LocalCluster, at, current.Select((s, i) => (s.Target, scraped[i])), own));
        }

        try
        {
            // A round taken is stored whole even if the run ends meanwhile: the store bounds its own waits.
            await sink(round, CancellationToken.None);
        }
        catch (Exception error)
        {
            Tally.StoreFailed(at, round.Count, error.Message);
            LogStoreFailed(round.Count, error.Message);
        }
    }

    private async Task<Scrape> ScrapeAsync(IScrapeSource source, DateTimeOffset at, CancellationToken stopping)
    {
        var target = source.Target;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(settings.Timeout);
        Scrape scrape;
        try
        {
            var samples = await source.ReadAsync(timeout.Token);
            scrape = new Scrape(target.Cluster, target.Name, target.Kind, at, samples);
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            var reason = error is OperationCanceledException ? $"no answer within {settings.Timeout.TotalSeconds:0.###} s" : Reason(error);
            scrape = new Scrape(target.Cluster, target.Name, target.Kind, at, [], reason);
            if (Tally.Failures(target) == 0)
            {
                LogFirstFailure(target.ToString(), reason);
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            return new Scrape(target.Cluster, target.Name, target.Kind, at, [], "the run ended during the scrape");
        }

        metrics.Scraped(target, Stopwatch.GetElapsedTime(started).TotalSeconds, scrape.Samples.Count, scrape.Failed);
        return scrape;
    }

    private static string Reason(Exception error) => error switch
    {
        k8s.Autorest.HttpOperationException http => $"{(int)http.Response.StatusCode} {http.Response.ReasonPhrase}: {http.Message}",
        _ => error.InnerException is { } inner && !error.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{error.Message} ({inner.Message})"
            : error.Message,
    };

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "scrape of {Target} failed: {Reason} (later failures of this target are only counted)")]
    private partial void LogFirstFailure(string target, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "new scrape target found during the run: {Target}")]
    private partial void LogAppeared(string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Scrapes} scrapes could not be stored: {Reason}")]
    private partial void LogStoreFailed(int scrapes, string reason);
}
