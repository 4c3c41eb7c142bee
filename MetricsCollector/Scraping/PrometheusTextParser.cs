using System.Buffers;
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
    private const int ChunkLength = 16 * 1024;

    private readonly FamilyAssembler _families = new(format);
    private readonly List<ExpositionError> _errors = [];
    private char[] _partialLine = [];
    private int _partialLength;
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
        var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
        try
        {
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                parser.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
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
        var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                parser.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        return parser.Complete();
    }

    /// <summary>Reads UTF-8 (a byte order mark is skipped) to the end of <paramref name="stream"/>; an I/O failure propagates.</summary>
    public static async Task<ExpositionParseResult> ParseAsync(
        Stream stream, ExpositionFormat format, ExpositionStringPool? pool, CancellationToken cancellationToken)
    {
        var parser = new PrometheusTextParser(format, pool);
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkLength);
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(ChunkLength));
        try
        {
            var first = true;
            int read;
            do
            {
                read = await stream.ReadAsync(bytes, cancellationToken);
                var decoded = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
                var text = chars.AsSpan(0, decoded);
                if (first && !text.IsEmpty)
                {
                    text = text[0] == '\uFEFF' ? text[1..] : text;
                    first = false;
                }

                parser.Append(text);
            }
            while (read > 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
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
                KeepPartial(text);
                return;
            }

            if (_partialLength == 0)
            {
                ReadLine(text[..end]);
            }
            else
            {
                KeepPartial(text[..end]);
                ReadLine(_partialLine.AsSpan(0, _partialLength));
                _partialLength = 0;
            }

            text = text[(end + 1)..];
        }
    }

    /// <summary>Reads a last line left without its line feed, and returns everything read.</summary>
    public ExpositionParseResult Complete()
    {
        if (_partialLength > 0)
        {
            ReadLine(_partialLine.AsSpan(0, _partialLength));
            _partialLength = 0;
        }

        if (format == ExpositionFormat.OpenMetrics && !_sawEof)
        {
            _errors.Add(new ExpositionError(_lineNumber + 1, "expected '# EOF' as the last line of an OpenMetrics exposition"));
        }

        return new ExpositionParseResult(format, _families.Families(), _errors.ToArray());
    }

    /// <summary>Keeps the start of a line whose end has not arrived yet.</summary>
    private void KeepPartial(ReadOnlySpan<char> text)
    {
        if (_partialLength + text.Length > _partialLine.Length)
        {
            Array.Resize(ref _partialLine, Math.Max(2 * _partialLine.Length, Math.Max(256, _partialLength + text.Length)));
        }

        text.CopyTo(_partialLine.AsSpan(_partialLength));
        _partialLength += text.Length;
    }

    private void ReadLine(ReadOnlySpan<char> line)
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

    private string? Interpret(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(" \t");
        if (trimmed.IsEmpty)
        {
            return format == ExpositionFormat.OpenMetrics ? "unexpected blank line: OpenMetrics has none" : null;
        }

        if (format == ExpositionFormat.PrometheusText ? trimmed[0] == '#' : line[0] == '#')
        {
            var metadata = MetadataLine.Read(trimmed, format, pool, out var metadataError);
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
