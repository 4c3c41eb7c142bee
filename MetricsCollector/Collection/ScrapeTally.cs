using System.Globalization;
using MeshAspire.MetricsCollector.Discovery;
using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// How scraping went per target, for the run's notes: a target whose scrapes failed has gaps in its series; one that
/// stopped answering and never came back is said to have vanished. Not thread-safe: one loop records into it.
/// </summary>
public sealed class ScrapeTally
{
    private readonly Dictionary<ScrapeTarget, TargetTally> _targets = [];
    private readonly List<string> _storeFailures = [];
    private readonly List<string> _comings = [];
    private int _rediscoveryFailures;
    private (DateTimeOffset At, string Reason)? _firstRediscoveryFailure;

    public int Scrapes => _targets.Values.Sum(t => t.Scrapes);

    public int Failed => _targets.Values.Sum(t => t.Failed);

    public void Record(ScrapeTarget target, Scrape scrape)
    {
        if (!_targets.TryGetValue(target, out var tally))
        {
            _targets[target] = tally = new TargetTally();
        }

        tally.Scrapes++;
        if (!scrape.Failed)
        {
            tally.FailingSince = null;
            return;
        }

        tally.Failed++;
        tally.FirstFailure ??= (scrape.At, scrape.Failure!);
        tally.FailingSince ??= scrape.At;
        tally.LastFailure = scrape.Failure;
    }

    public void StoreFailed(DateTimeOffset at, int scrapes, string reason) =>
        _storeFailures.Add(string.Create(CultureInfo.InvariantCulture, $"{scrapes} scrapes taken at {at:O} could not be stored: {reason}"));

    /// <summary>A target found by looking again while the run went on.</summary>
    public void Appeared(ScrapeTarget target, DateTimeOffset at) =>
        _comings.Add(string.Create(CultureInfo.InvariantCulture,
            $"scrape {target.Cluster}/{target.Name} ({target.Address}) appeared during the run, first scraped after {at:O}: its series start there"));

    /// <summary>A target whose address a later look no longer listed: not scraped since.</summary>
    public void Retired(ScrapeTarget target, DateTimeOffset at) =>
        _comings.Add(string.Create(CultureInfo.InvariantCulture,
            $"scrape {target.Cluster}/{target.Name} ({target.Address}) was no longer listed at {at:O} and is not scraped since: its series end there"));

    public void RediscoveryFailed(DateTimeOffset at, string reason)
    {
        _rediscoveryFailures++;
        _firstRediscoveryFailure ??= (at, reason);
    }

    public int Failures(ScrapeTarget target) => _targets.TryGetValue(target, out var tally) ? tally.Failed : 0;

    /// <summary>
    /// One note per target with failed scrapes, one per target that appeared or was retired during the run, one for the looks for
    /// targets that failed, and one per round the store refused.
    /// </summary>
    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>();
        foreach (var (target, tally) in _targets.Where(t => t.Value.Failed > 0).OrderBy(t => t.Key.Cluster).ThenBy(t => t.Key.Name))
        {
            var (firstAt, firstReason) = tally.FirstFailure!.Value;
            var note = string.Create(CultureInfo.InvariantCulture,
                $"scrape {target.Cluster}/{target.Name} ({target.Address}): {tally.Failed} of {tally.Scrapes} scrapes failed, gaps in its series; first at {firstAt:O}: {firstReason}");
            if (tally.FailingSince is { } since)
            {
                note += string.Create(CultureInfo.InvariantCulture, $"; it vanished at {since:O} and did not answer again (last: {tally.LastFailure})");
            }

            notes.Add(note);
        }

        notes.AddRange(_comings);
        if (_firstRediscoveryFailure is { } first)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"looking for scrape targets again during the run failed {_rediscoveryFailures} time(s), new pods may be missing; first at {first.At:O}: {first.Reason}"));
        }

        notes.AddRange(_storeFailures);
        return notes;
    }

    private sealed class TargetTally
    {
        public int Scrapes { get; set; }

        public int Failed { get; set; }

        public (DateTimeOffset At, string Reason)? FirstFailure { get; set; }

        public DateTimeOffset? FailingSince { get; set; }

        public string? LastFailure { get; set; }
    }
}
