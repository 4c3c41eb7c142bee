using System.Text;

namespace MeshAspire.MetricsCollector.Scraping;

internal enum MetadataKind
{
    Comment,
    Help,
    Type,
    Unit,
    Eof,
}

/// <summary>
/// A line that starts with <c>#</c>: <c># HELP name text</c>, <c># TYPE name type</c>, OpenMetrics'
/// <c># UNIT name unit</c> and <c># EOF</c>; any other is a comment in 0.0.4 and an error in OpenMetrics.
/// </summary>
internal sealed record MetadataLine(MetadataKind Kind, string MetricName, string Text)
{
    private static readonly MetadataLine Comment = new(MetadataKind.Comment, "", "");

    /// <param name="pool">Where names and texts already read are taken from, if any.</param>
    public static MetadataLine? Read(ReadOnlySpan<char> line, ExpositionFormat format, ExpositionStringPool? pool, out string? error)
    {
        return format == ExpositionFormat.OpenMetrics ? ReadOpenMetrics(line, pool, out error) : ReadPrometheusText(line, pool, out error);
    }

    private static MetadataLine? ReadPrometheusText(ReadOnlySpan<char> line, ExpositionStringPool? pool, out string? error)
    {
        error = null;
        var tokens = line[1..].TrimStart(" \t");
        var keywordEnd = tokens.IndexOfAny(' ', '\t');
        var keyword = keywordEnd < 0 ? tokens : tokens[..keywordEnd];
        var kind = keyword switch
        {
            "HELP" => MetadataKind.Help,
            "TYPE" => MetadataKind.Type,
            _ => MetadataKind.Comment,
        };
        if (kind == MetadataKind.Comment)
        {
            return Comment;
        }

        var rest = tokens[keyword.Length..].TrimStart(" \t");
        var nameLength = LeadingMetricNameLength(rest);
        if (nameLength == 0 || nameLength < rest.Length && rest[nameLength] is not (' ' or '\t'))
        {
            error = $"expected a metric name after # {keyword}";
            return null;
        }

        var name = Pooled(pool, rest[..nameLength]);
        var text = rest[nameLength..].TrimStart(" \t");
        if (kind == MetadataKind.Type)
        {
            return new MetadataLine(kind, name, Pooled(pool, text.TrimEnd(" \t")));
        }

        var help = Unescape(text, allowQuote: false, pool, out error);
        return help is null ? null : new MetadataLine(kind, name, help);
    }

    private static MetadataLine? ReadOpenMetrics(ReadOnlySpan<char> line, ExpositionStringPool? pool, out string? error)
    {
        error = null;
        if (line is "# EOF")
        {
            return new MetadataLine(MetadataKind.Eof, "", "");
        }

        Span<Range> parts = stackalloc Range[4];
        var count = line.Split(parts, ' ');
        var keyword = count >= 3 ? line[parts[1]] : [];
        var kind = count >= 3 && line[parts[0]] is "#"
            ? keyword switch
            {
                "HELP" => MetadataKind.Help,
                "TYPE" => MetadataKind.Type,
                "UNIT" => MetadataKind.Unit,
                _ => MetadataKind.Comment,
            }
            : MetadataKind.Comment;
        if (kind == MetadataKind.Comment)
        {
            error = "expected '# HELP', '# TYPE', '# UNIT' or '# EOF': OpenMetrics has no other comments";
            return null;
        }

        var name = line[parts[2]];
        if (name.Length == 0 || LeadingMetricNameLength(name) != name.Length)
        {
            error = $"expected a metric name after # {keyword}";
            return null;
        }

        var text = count == 4 ? line[parts[3]] : [];
        if (kind != MetadataKind.Help)
        {
            return new MetadataLine(kind, Pooled(pool, name), Pooled(pool, text));
        }

        var help = Unescape(text, allowQuote: true, pool, out error);
        return help is null ? null : new MetadataLine(kind, Pooled(pool, name), help);
    }

    private static int LeadingMetricNameLength(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && (length == 0
                   ? SampleLineReader.IsMetricNameStart(text[length])
                   : SampleLineReader.IsMetricNameChar(text[length])))
        {
            length++;
        }

        return length;
    }

    private static string Pooled(ExpositionStringPool? pool, ReadOnlySpan<char> text) =>
        pool is null ? new string(text) : pool.Get(text);

    /// <summary>HELP text: <c>\\</c> and <c>\n</c> in both formats, and <c>\"</c> in OpenMetrics.</summary>
    private static string? Unescape(ReadOnlySpan<char> text, bool allowQuote, ExpositionStringPool? pool, out string? error)
    {
        error = null;
        if (!text.Contains('\\'))
        {
            return Pooled(pool, text);
        }

        var unescaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                unescaped.Append(text[i]);
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (next)
            {
                case '\\':
                    unescaped.Append('\\');
                    break;
                case 'n':
                    unescaped.Append('\n');
                    break;
                case '"' when allowQuote:
                    unescaped.Append('"');
                    break;
                default:
                    var found = next == '\0' ? "the end of the line" : $"'\\{next}'";
                    error = allowQuote
                        ? $"expected \\\\, \\\" or \\n in HELP text, not {found}"
                        : $"expected \\\\ or \\n in HELP text, not {found}";
                    return null;
            }

            i++;
        }

        return pool is null ? unescaped.ToString() : pool.Get(unescaped.ToString());
    }
}
