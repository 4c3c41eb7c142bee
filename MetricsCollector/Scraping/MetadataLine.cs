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

    public static MetadataLine? Read(string line, ExpositionFormat format, out string? error)
    {
        return format == ExpositionFormat.OpenMetrics ? ReadOpenMetrics(line, out error) : ReadPrometheusText(line, out error);
    }

    private static MetadataLine? ReadPrometheusText(string line, out string? error)
    {
        error = null;
        var tokens = line[1..].TrimStart(' ', '\t');
        var keyword = tokens.Split([' ', '\t'], 2)[0];
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

        var rest = tokens[keyword.Length..].TrimStart(' ', '\t');
        var name = LeadingMetricName(rest);
        if (name.Length == 0 || name.Length < rest.Length && rest[name.Length] is not (' ' or '\t'))
        {
            error = $"expected a metric name after # {keyword}";
            return null;
        }

        var text = rest[name.Length..].TrimStart(' ', '\t');
        if (kind == MetadataKind.Type)
        {
            return new MetadataLine(kind, name, text.TrimEnd(' ', '\t'));
        }

        var help = Unescape(text, allowQuote: false, out error);
        return help is null ? null : new MetadataLine(kind, name, help);
    }

    private static MetadataLine? ReadOpenMetrics(string line, out string? error)
    {
        error = null;
        if (line == "# EOF")
        {
            return new MetadataLine(MetadataKind.Eof, "", "");
        }

        var parts = line.Split(' ', 4);
        var kind = parts.Length >= 3 && parts[0] == "#"
            ? parts[1] switch
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

        var name = parts[2];
        if (name.Length == 0 || LeadingMetricName(name).Length != name.Length)
        {
            error = $"expected a metric name after # {parts[1]}";
            return null;
        }

        var text = parts.Length == 4 ? parts[3] : "";
        if (kind != MetadataKind.Help)
        {
            return new MetadataLine(kind, name, text);
        }

        var help = Unescape(text, allowQuote: true, out error);
        return help is null ? null : new MetadataLine(kind, name, help);
    }

    private static string LeadingMetricName(string text)
    {
        var length = 0;
        while (length < text.Length && (length == 0
                   ? SampleLineReader.IsMetricNameStart(text[length])
                   : SampleLineReader.IsMetricNameChar(text[length])))
        {
            length++;
        }

        return text[..length];
    }

    /// <summary>HELP text: <c>\\</c> and <c>\n</c> in both formats, and <c>\"</c> in OpenMetrics.</summary>
    private static string? Unescape(string text, bool allowQuote, out string? error)
    {
        error = null;
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

        return unescaped.ToString();
    }
}
