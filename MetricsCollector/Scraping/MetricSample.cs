namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>
/// One sample line: its full name (<c>x_bucket</c>, <c>x_total</c>, ...), labels in written order and unescaped,
/// value, and the timestamp if the line had one (UTC, from 0.0.4 milliseconds or OpenMetrics seconds).
/// </summary>
public sealed record MetricSample(
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    DateTimeOffset? Timestamp = null,
    Exemplar? Exemplar = null)
{
    public string? Label(string name)
    {
        foreach (var label in Labels)
        {
            if (label.Key == name)
            {
                return label.Value;
            }
        }

        return null;
    }
}
