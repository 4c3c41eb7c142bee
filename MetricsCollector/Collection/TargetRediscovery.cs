using MeshAspire.MetricsCollector.Sources;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// How the scrape loop looks for targets again while the run goes on: a pod that restarts or is added comes back
/// with a new address, which only a new look at the API server finds.
/// </summary>
/// <param name="Every">Time between two looks; the first is one interval after the loop starts.</param>
/// <param name="FindAsync">The sources found now, and a reason for each cluster that could not be looked at.</param>
public sealed record TargetRediscovery(
    TimeSpan Every,
    Func<CancellationToken, Task<(IReadOnlyList<IScrapeSource> Sources, IReadOnlyList<string> Failures)>> FindAsync);
