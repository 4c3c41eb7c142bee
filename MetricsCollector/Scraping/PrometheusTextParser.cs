using System.Text;

namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>
/// Reads a Prometheus 0.0.4 or OpenMetrics 1.0 text exposition into metric families. Lines end at <c>\n</c>
/// only. A bad line becomes an <see cref="ExpositionError"/> naming its line number and is skipped, so the
/// rest of a scrape is kept; nothing about the text throws. Feed it in chunks as they arrive with
/// <see cref="Append"/>, then <see cref="Complete"/>; or use <see cref="Parse(string, ExpositionFormat)"/>.
/// </summary>
/// <param name="pool">Names and label values already read (a target's earlier scrapes), handed out again; optional.</param>
public sealed class PrometheusTextParser(ExpositionFormat format, ExpositionStringPool? pool = null)
{
    private readonly FamilyAssembler _families = new(format);
    private readonly List<ExpositionError> _errors = [];
    private readonly StringBuilder _partialLine = new();
    private int _lineNumber;
    private bool _sawEof;
    private bool _reportedAfterEof;

    public static ExpositionParseResult Parse(string text, ExpositionFormat format)
    {
        var parser = new PrometheusTextParser(format);
        parser.Append(text);
        return parser.Complete();
    }

    /// <summary>Reads to the end of <paramref name="reader"/>; an I/O failure of the reader itself propagates.</summary>
    public static ExpositionParseResult Parse(TextReader reader, ExpositionFormat format)
    {
        var parser = new PrometheusTextParser(format);
        var buffer = new char[8192];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            parser.Append(buffer.AsSpan(0, read));
        }

        return parser.Complete();
    }

    /// <inheritdoc cref="Parse(TextReader, ExpositionFormat)"/>
    public static Task<ExpositionParseResult> ParseAsync(TextReader reader, ExpositionFormat format, CancellationToken cancellationToken) =>
        ParseAsync(reader, format, null, cancellationToken);

    /// <inheritdoc cref="Parse(TextReader, ExpositionFormat)"/>
    public static async Task<ExpositionParseResult> ParseAsync(
        TextReader reader, ExpositionFormat format, ExpositionStringPool? pool, CancellationToken cancellationToken)
    {
        var parser = new PrometheusTextParser(format, pool);
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            parser.Append(buffer.AsSpan(0, read));
        }

        return parser.Complete();
    }

    public void Append(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            if (end < 0)
            {
                _partialLine.Append(text);
                return;
            }

            _partialLine.Append(text[..end]);
            ReadLine(_partialLine.ToString());
            _partialLine.Clear();
            text = text[(end + 1)..];
        }
    }

    /// <summary>Reads a last line left without its line feed, and returns everything read.</summary>
    public ExpositionParseResult Complete()
    {
        if (_partialLine.Length > 0)
        {
            ReadLine(_partialLine.ToString());
            _partialLine.Clear();
        }

        if (format == ExpositionFormat.OpenMetrics && !_sawEof)
        {
            _errors.Add(new ExpositionError(_lineNumber + 1, "expected '# EOF' as the last line of an OpenMetrics exposition"));
        }

        return new ExpositionParseResult(format, _families.Families(), _errors.ToArray());
    }

    private void ReadLine(string line)
    {
        _lineNumber++;
        var error = _sawEof ? AfterEof() : Interpret(line);
        if (error is not null)
        {
            _errors.Add(new ExpositionError(_lineNumber, error));
        }
    }

    private string? AfterEof()
    {
        if (_reportedAfterEof)
        {
            return null;
        }

        _reportedAfterEof = true;
        return "expected nothing after '# EOF'";
    }

    private string? Interpret(string line)
    {
        if (line.AsSpan().TrimStart(" \t").IsEmpty)
        {
            return format == ExpositionFormat.OpenMetrics ? "unexpected blank line: OpenMetrics has none" : null;
        }

        if (format == ExpositionFormat.PrometheusText ? line.TrimStart(' ', '\t').StartsWith('#') : line.StartsWith('#'))
        {
            var metadata = MetadataLine.Read(line.TrimStart(' ', '\t'), format, out var metadataError);
            return metadata switch
            {
                null => metadataError,
                { Kind: MetadataKind.Comment } => null,
                { Kind: MetadataKind.Eof } => SawEof(),
                _ => _families.Describe(metadata),
            };
        }

        var sample = SampleLineReader.Read(line, format, pool, out var sampleError);
        return sample is null ? sampleError : _families.Add(sample);
    }

    private string? SawEof()
    {
        _sawEof = true;
        return null;
    }
}
