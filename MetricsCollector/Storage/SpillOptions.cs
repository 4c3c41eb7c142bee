namespace MeshAspire.MetricsCollector.Storage;

/// <summary>How long the PostgreSQL store waits for PostgreSQL, and how often it tries again while it is away.</summary>
/// <param name="OperationTimeout">The most one call to PostgreSQL may take before PostgreSQL counts as away.</param>
/// <param name="FirstBackoff">The wait before the first retry; it doubles after each failed retry, up to <paramref name="LastBackoff"/>.</param>
/// <param name="CompletionPatience">How long completion keeps trying before the run is completed in files instead.</param>
public sealed record SpillOptions(TimeSpan OperationTimeout, TimeSpan FirstBackoff, TimeSpan LastBackoff, TimeSpan CompletionPatience)
{
    public static readonly SpillOptions Default = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
}
