using System.Text;

namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>
/// Reads one sample line: <c>name{label="value",...} value [timestamp] [# {labels} value [timestamp]]</c>.
/// 0.0.4 allows blanks and tabs between tokens and a trailing comma in the label set; OpenMetrics allows
/// exactly one space and no trailing comma, and is the only one with exemplars.
/// </summary>
internal ref struct SampleLineReader
{
    private const int LongestExemplarLabelSet = 128;

    private readonly ReadOnlySpan<char> _line;
    private readonly ExpositionFormat _format;
    private readonly ExpositionStringPool? _pool;
    private int _position;
    private string? _error;

    private SampleLineReader(ReadOnlySpan<char> line, ExpositionFormat format, ExpositionStringPool? pool)
    {
        _line = line;
        _format = format;
        _pool = pool;
    }

    private readonly bool IsOpenMetrics => _format == ExpositionFormat.OpenMetrics;

    private readonly bool AtEnd => _position >= _line.Length;

    private readonly char Current => _line[_position];

    /// <summary>The sample, or null and what was expected where the line went wrong.</summary>
    /// <param name="pool">Where names and label values already read are taken from, if any.</param>
    public static MetricSample? Read(ReadOnlySpan<char> line, ExpositionFormat format, ExpositionStringPool? pool, out string? error)
    {
        var reader = new SampleLineReader(line, format, pool);
        var sample = reader.ReadSample();
        error = reader._error;
        return sample;
    }

    private MetricSample? ReadSample()
    {
        SkipBlanksIfAllowed();
        var name = ReadMetricName();
        if (name is null)
        {
            return null;
        }

        var afterName = _position;
        SkipBlanksIfAllowed();
        IReadOnlyList<KeyValuePair<string, string>> labels = [];
        if (AtEnd || Current != '{')
        {
            _position = afterName;
        }
        else
        {
            var read = ReadSampleLabels();
            if (read is null)
            {
                return null;
            }

            labels = read;
        }

        if (!ReadSeparator("a space before the value") || !ReadValue(out var value))
        {
            return null;
        }

        DateTimeOffset? timestamp = null;
        Exemplar? exemplar = null;
        if (HasMoreTokens() && Current != '#')
        {
            if (!ReadTimestamp(out var read))
            {
                return null;
            }

            timestamp = read;
            HasMoreTokens();
        }

        if (!AtEnd && _error is null)
        {
            exemplar = ReadExemplar();
            if (exemplar is null)
            {
                return null;
            }
        }

        return _error is null ? new MetricSample(name, labels, value, timestamp, exemplar) : null;
    }

    private Exemplar? ReadExemplar()
    {
        if (!IsOpenMetrics || Current != '#')
        {
            Fail("the end of the line after the timestamp");
            return null;
        }

        _position++;
        if (!ReadSeparator("a space after '#' of the exemplar"))
        {
            return null;
        }

        if (AtEnd || Current != '{')
        {
            Fail("'{' opening the exemplar's labels");
            return null;
        }

        var labels = ReadLabelSet("exemplar label");
        if (labels is null)
        {
            return null;
        }

        if (labels.Sum(label => label.Key.EnumerateRunes().Count() + label.Value.EnumerateRunes().Count()) > LongestExemplarLabelSet)
        {
            Fail($"exemplar labels of at most {LongestExemplarLabelSet} characters");
            return null;
        }

        if (!ReadSeparator("a space before the exemplar's value") || !ReadValue(out var value))
        {
            return null;
        }

        DateTimeOffset? timestamp = null;
        if (HasMoreTokens())
        {
            if (!ReadTimestamp(out var read))
            {
                return null;
            }

            timestamp = read;
            if (HasMoreTokens())
            {
                Fail("the end of the line after the exemplar's timestamp");
                return null;
            }
        }

        return _error is null ? new Exemplar(labels, value, timestamp) : null;
    }

    /// <summary>True when another token follows, having read the separator before it.</summary>
    private bool HasMoreTokens()
    {
        if (AtEnd)
        {
            return false;
        }

        if (IsOpenMetrics)
        {
            if (!ReadSeparator("a single space between tokens"))
            {
                return false;
            }

            if (AtEnd)
            {
                Fail("a timestamp or an exemplar after the space");
            }

            return !AtEnd;
        }

        SkipBlanksIfAllowed();
        return !AtEnd;
    }

    private string? ReadMetricName()
    {
        var start = _position;
        if (AtEnd || !IsMetricNameStart(Current))
        {
            Fail("a metric name");
            return null;
        }

        while (!AtEnd && IsMetricNameChar(Current))
        {
            _position++;
        }

        return Text(start, _position);
    }

    /// <summary>The sample's label set, the pool's copy when an earlier line wrote it the same way.</summary>
    private IReadOnlyList<KeyValuePair<string, string>>? ReadSampleLabels()
    {
        var start = _position;
        if (_pool is null)
        {
            return ReadLabelSet("label");
        }

        var end = ClosingBrace(start);
        if (end > start && _pool.KnownLabelSet(_line[start..(end + 1)], _format) is { } known)
        {
            _position = end + 1;
            return known;
        }

        var read = ReadLabelSet("label");
        return read is null ? null : _pool.AddLabelSet(_line[start.._position], _format, read);
    }

    /// <summary>Where the label set opened at <paramref name="open"/> closes, outside quoted values; -1 if it does not.</summary>
    private readonly int ClosingBrace(int open)
    {
        var quoted = false;
        for (var i = open + 1; i < _line.Length; i++)
        {
            switch (_line[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '}' when !quoted:
                    return i;
            }
        }

        return -1;
    }

    private List<KeyValuePair<string, string>>? ReadLabelSet(string what)
    {
        _position++;
        var labels = new List<KeyValuePair<string, string>>();
        SkipBlanksIfAllowed();
        if (!AtEnd && Current == '}')
        {
            _position++;
            return labels;
        }

        while (true)
        {
            var label = ReadLabel(what);
            if (label is null)
            {
                return null;
            }

            if (Contains(labels, label.Value.Key))
            {
                Fail($"{what} name '{label.Value.Key}' only once");
                return null;
            }

            labels.Add(label.Value);
            SkipBlanksIfAllowed();
            if (AtEnd || Current is not (',' or '}'))
            {
                Fail($"',' or '}}' after {what} '{label.Value.Key}'");
                return null;
            }

            var comma = Current == ',';
            _position++;
            if (!comma)
            {
                return labels;
            }

            SkipBlanksIfAllowed();
            if (!IsOpenMetrics && !AtEnd && Current == '}')
            {
                _position++;
                return labels;
            }
        }
    }

    private KeyValuePair<string, string>? ReadLabel(string what)
    {
        var start = _position;
        if (AtEnd || !IsLabelNameStart(Current))
        {
            Fail($"a {what} name");
            return null;
        }

        while (!AtEnd && IsLabelNameChar(Current))
        {
            _position++;
        }

        var name = Text(start, _position);
        SkipBlanksIfAllowed();
        if (AtEnd || Current != '=')
        {
            Fail($"'=' after {what} name '{name}'");
            return null;
        }

        _position++;
        SkipBlanksIfAllowed();
        if (AtEnd || Current != '"')
        {
            Fail($"'\"' opening the value of {what} '{name}'");
            return null;
        }

        _position++;
        var value = ReadEscapedUntilQuote(name);
        return value is null ? null : new KeyValuePair<string, string>(name, value);
    }

    private string? ReadEscapedUntilQuote(string labelName)
    {
        var rest = _line[_position..];
        var end = rest.IndexOfAny('"', '\\');
        if (end >= 0 && rest[end] == '"')
        {
            var plain = Text(_position, _position + end);
            _position += end + 1;
            return plain;
        }

        var value = new StringBuilder();
        while (!AtEnd)
        {
            var c = Current;
            _position++;
            if (c == '"')
            {
                return _pool is null ? value.ToString() : _pool.Get(value.ToString());
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (AtEnd)
            {
                break;
            }

            var escaped = Current;
            _position++;
            switch (escaped)
            {
                case '\\':
                case '"':
                    value.Append(escaped);
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                default:
                    _position -= 2;
                    Fail($"\\\\, \\\" or \\n in the value of label '{labelName}', not '\\{escaped}'");
                    return null;
            }
        }

        Fail($"'\"' closing the value of label '{labelName}'");

        return null;
    }

    private bool ReadValue(out double value)
    {
        var token = ReadToken();
        if (ExpositionNumber.TryParseValue(token, out value))
        {
            return true;
        }

        _position -= token.Length;
        Fail($"a number, NaN, +Inf or -Inf as the value, not '{token.ToString()}'");
        return false;
    }

    private bool ReadTimestamp(out DateTimeOffset timestamp)
    {
        var token = ReadToken();
        var read = IsOpenMetrics
            ? ExpositionNumber.TryParseSeconds(token, out timestamp)
            : ExpositionNumber.TryParseMilliseconds(token, out timestamp);
        if (read)
        {
            return true;
        }

        _position -= token.Length;
        Fail(IsOpenMetrics
            ? $"a timestamp in seconds since the epoch, not '{token.ToString()}'"
            : $"a timestamp in whole milliseconds since the epoch, not '{token.ToString()}'");
        return false;
    }

    private ReadOnlySpan<char> ReadToken()
    {
        var start = _position;
        while (!AtEnd && Current is not (' ' or '\t'))
        {
            _position++;
        }

        return _line[start.._position];
    }

    /// <summary>The line's text between two positions, from the pool when there is one.</summary>
    private readonly string Text(int start, int end) =>
        _pool is null ? new string(_line[start..end]) : _pool.Get(_line[start..end]);

    private static bool Contains(List<KeyValuePair<string, string>> labels, string name)
    {
        foreach (var label in labels)
        {
            if (label.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    private bool ReadSeparator(string expected)
    {
        if (IsOpenMetrics)
        {
            if (AtEnd || Current != ' ')
            {
                Fail(expected);
                return false;
            }

            _position++;
            return true;
        }

        if (AtEnd || Current is not (' ' or '\t'))
        {
            Fail(expected);
            return false;
        }

        SkipBlanksIfAllowed();
        return true;
    }

    private void SkipBlanksIfAllowed()
    {
        while (!IsOpenMetrics && !AtEnd && Current is (' ' or '\t'))
        {
            _position++;
        }
    }

    private void Fail(string expected)
    {
        _error ??= AtEnd
            ? $"expected {expected} at the end of the line"
            : $"expected {expected} at column {_position + 1}";
    }

    public static bool IsMetricNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    public static bool IsMetricNameChar(char c) => IsMetricNameStart(c) || char.IsAsciiDigit(c);

    private static bool IsLabelNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsLabelNameChar(char c) => IsLabelNameStart(c) || char.IsAsciiDigit(c);
}
