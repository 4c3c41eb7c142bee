namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>
/// The metric names, label names and label values already read, handed out again instead of a new string each time:
/// a target repeats them in every sample and every scrape. Kept per target across its scrapes; one parse at a time.
/// Bounded: past <see cref="Capacity"/> strings it starts over.
/// </summary>
public sealed class ExpositionStringPool
{
    public const int Capacity = 1 << 16;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ExpositionStringPool() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _strings.Count;

    public string Get(ReadOnlySpan<char> text)
    {
        if (_bySpan.TryGetValue(text, out var known))
        {
            return known;
        }

        if (_strings.Count >= Capacity)
        {
            _strings.Clear();
        }

        var added = text.ToString();
        _strings[added] = added;
        return added;
    }
}
