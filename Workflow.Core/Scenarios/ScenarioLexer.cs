namespace MeshAspire.Workflow.Scenarios;

/// <summary>A meaningful line of a scenario file: a section header or a key and its value.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="IsHeader">True for <c>[name]</c>: <paramref name="Name"/> is the section name as written, trimmed.</param>
/// <param name="Name">The section name or the key, trimmed.</param>
/// <param name="Value">The value, trimmed; empty for a header.</param>
internal sealed record ScenarioLine(int Number, bool IsHeader, string Name, string Value);

/// <summary>
/// Splits a scenario file into headers and <c>key=value</c> lines, Java Properties style: <c>key=value</c>,
/// <c>key: value</c> or <c>key = value</c>; <c>#</c> or <c>!</c> start a comment line; blank lines, CR/LF line ends,
/// a UTF-8 BOM and spaces around keys, values and headers are accepted.
/// </summary>
internal static class ScenarioLexer
{
    public static IReadOnlyList<ScenarioLine> Read(string text, ScenarioErrorSink errors)
    {
        var lines = new List<ScenarioLine>();
        var raw = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var number = i + 1;
            var line = raw[i].Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']')
                {
                    errors.Add(number, null, $"'{line}' is not a section header: expected [trigger], [action] or [conclusion] alone on the line");
                    continue;
                }

                lines.Add(new ScenarioLine(number, IsHeader: true, line[1..^1].Trim(), string.Empty));
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator < 0)
            {
                errors.Add(
                    number,
                    null,
                    $"'{line}' is neither key=value, a [section] header nor a comment",
                    "write key=value (or key: value); comments start with # or !");
                continue;
            }

            var key = line[..separator].TrimEnd();
            if (key.Length == 0)
            {
                errors.Add(number, null, $"'{line}' has a value but no key: expected key=value");
                continue;
            }

            lines.Add(new ScenarioLine(number, IsHeader: false, key, line[(separator + 1)..].TrimStart()));
        }

        return lines;
    }
}
