namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>
/// The metric names, label names, label values and whole label sets already read, handed out again instead of new
/// objects each time: a target repeats them in every sample and every scrape. Kept per target across its scrapes; one
/// parse at a time. Bounded: past <see cref="Capacity"/> strings or label sets it starts over.
/// </summary>
public sealed class ExpositionStringPool
{
    public const int Capacity = 1 << 16;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Dictionary<string, PooledLabelSet> _labelSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PooledLabelSet>.AlternateLookup<ReadOnlySpan<char>> _labelSetsBySpan;

    public ExpositionStringPool()
    {
        _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _labelSetsBySpan = _labelSets.GetAlternateLookup<ReadOnlySpan<char>>();
    }

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

    /// <summary>The labels an earlier line of this format wrote as exactly <paramref name="written"/> (braces included), if any.</summary>
    internal KeyValuePair<string, string>[]? KnownLabelSet(ReadOnlySpan<char> written, ExpositionFormat format) =>
        _labelSetsBySpan.TryGetValue(written, out var known) && known.Format == format ? known.Labels : null;

    /// <summary>Keeps the labels read from <paramref name="written"/> for the next line that writes them the same way.</summary>
    internal KeyValuePair<string, string>[] AddLabelSet(ReadOnlySpan<char> written, ExpositionFormat format, List<KeyValuePair<string, string>> labels)
    {
        if (_labelSets.Count >= Capacity)
        {
            _labelSets.Clear();
        }

        var kept = labels.ToArray();
        _labelSetsBySpan[written] = new PooledLabelSet(format, kept);
        return kept;
    }

    private sealed record PooledLabelSet(ExpositionFormat Format, KeyValuePair<string, string>[] Labels);
}
