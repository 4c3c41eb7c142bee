namespace MeshAspire.MetricsCollector.Resources;

/// <summary>
/// Turns a counter of CPU seconds into cores: the counter's increase since the previous reading of the same series
/// divided by the time between the two readings. The first reading, a reading no later than the previous one, and a
/// counter that went down (the process restarted) give nothing, and start over from that reading.
/// </summary>
public sealed class CpuRate
{
    private readonly Dictionary<string, (double Seconds, DateTimeOffset At)> _previous = new(StringComparer.Ordinal);

    public double? Cores(string series, double cpuSeconds, DateTimeOffset at)
    {
        var had = _previous.TryGetValue(series, out var previous);
        _previous[series] = (cpuSeconds, at);
        if (!had || at <= previous.At || cpuSeconds < previous.Seconds)
        {
            return null;
        }

        return (cpuSeconds - previous.Seconds) / (at - previous.At).TotalSeconds;
    }

    /// <summary>Forgets a series whose reading failed, so the next rate is not averaged over the gap.</summary>
    public void Forget(string series) => _previous.Remove(series);
}
