namespace MeshAspire.Workflow.Accounting;

/// <summary>
/// Counts events and the span from the first to the last, so a rate can be given as count / span with the span
/// widened by one mean interval (n events at a steady rate r span (n-1)/r seconds).
/// </summary>
internal struct RateSpan
{
    private long _first;
    private long _last;

    public long Count { get; private set; }

    public void Add(long nanos)
    {
        if (Count == 0 || nanos < _first)
        {
            _first = nanos;
        }

        if (Count == 0 || nanos > _last)
        {
            _last = nanos;
        }

        Count++;
    }

    public readonly long FirstNanos => _first;

    public readonly long LastNanos => _last;

    /// <summary>The span in seconds, widened by one mean interval; 0 with fewer than two events.</summary>
    public readonly double Seconds => Count < 2 ? 0 : (_last - _first) / 1e9 * Count / (Count - 1);
}
