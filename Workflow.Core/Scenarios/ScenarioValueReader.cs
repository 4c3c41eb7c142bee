using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshAspire.Workflow.Scenarios;

/// <summary>
/// Reads typed values from one scope. Each method returns null when the key is absent or its value is rejected;
/// a rejected value is reported on its line and marked invalid in the scope.
/// </summary>
internal sealed partial class ScenarioValueReader(ScenarioScope scope, ScenarioErrorSink errors)
{
    public const int MaxDnsLabelLength = 63;

    public TimeSpan? Duration(string key, bool allowZero)
    {
        if (!scope.TryGet(key, out var line))
        {
            return null;
        }

        if (!HumanDuration.TryParse(line.Value, out var value, out var error))
        {
            Reject(line, error!, "e.g. 90s, 5 min, 2minutes, 1h30m, 1.5h, 250ms or PT2M");
            return null;
        }

        if (!allowZero && value == TimeSpan.Zero)
        {
            Reject(line, $"'{line.Value}' is zero: expected a duration above zero, e.g. 10s");
            return null;
        }

        return value;
    }

    public int? Integer(string key, int min, int max, string what)
    {
        if (!scope.TryGet(key, out var line))
        {
            return null;
        }

        var range = $"from {min} to {max}";
        if (!long.TryParse(line.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Reject(line, $"'{line.Value}' is not a whole number: expected {what}, a whole number {range}");
            return null;
        }

        if (value < min || value > max)
        {
            Reject(line, $"{value} is out of range: expected {what}, a whole number {range}");
            return null;
        }

        return (int)value;
    }

    public int? Port(string key) => Integer(key, 1, 65535, "a port");

    /// <summary>A rate in messages per second: a positive number, decimals allowed.</summary>
    public double? Rate(string key)
    {
        if (!scope.TryGet(key, out var line))
        {
            return null;
        }

        if (!double.TryParse(line.Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Reject(line, $"'{line.Value}' is not a number: expected messages per second, a positive number such as 10 or 2.5");
            return null;
        }

        if (value <= 0)
        {
            Reject(line, $"{line.Value} is not positive: expected messages per second above zero, such as 10 or 2.5");
            return null;
        }

        return value;
    }

    /// <summary>A lower-case DNS label, as a Kubernetes Service and an Aspire resource need.</summary>
    public string? DnsLabel(string key)
    {
        if (!scope.TryGet(key, out var line))
        {
            return null;
        }

        if (line.Value.Length > MaxDnsLabelLength)
        {
            Reject(line, $"'{line.Value}' has {line.Value.Length} characters: a name has at most {MaxDnsLabelLength} (it becomes a Kubernetes Service name)");
            return null;
        }

        if (!DnsLabelPattern().IsMatch(line.Value))
        {
            var lower = line.Value.ToLowerInvariant();
            Reject(
                line,
                $"'{line.Value}' is not a valid name: expected lower-case letters, digits and '-', starting and ending with a letter or digit (it becomes a Kubernetes Service and Aspire resource name)",
                DnsLabelPattern().IsMatch(lower) ? $"write '{lower}'" : null);
            return null;
        }

        return line.Value;
    }

    /// <summary>A topic name: not empty, no whitespace.</summary>
    public string? Topic(string key)
    {
        if (!scope.TryGet(key, out var line))
        {
            return null;
        }

        if (line.Value.Length == 0 || line.Value.Any(char.IsWhiteSpace))
        {
            Reject(line, $"'{line.Value}' is not a topic name: expected a non-empty name without whitespace");
            return null;
        }

        return line.Value;
    }

    /// <summary>Any text, as given (trimmed).</summary>
    public string? Text(string key) => scope.TryGet(key, out var line) ? line.Value : null;

    /// <summary>One of <paramref name="choices"/>, compared without regard to case.</summary>
    public T? Choice<T>(string key, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        if (!scope.TryGet(key, out var line))
        {
            return null;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, line.Value, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var names = choices.Select(c => c.Name).ToList();
        var nearest = ScenarioKeys.Nearest(line.Value, names);
        Reject(
            line,
            $"'{line.Value}' is not accepted: expected one of {string.Join(", ", names)}",
            nearest is null ? null : $"did you mean '{nearest}'?");
        return null;
    }

    private void Reject(ScenarioLine line, string message, string? hint = null)
    {
        scope.MarkInvalid(line.Name);
        if (CommentAfterValue().IsMatch(line.Value))
        {
            hint = "a comment must be on its own line: '#' or '!' after a value is part of the value";
        }

        errors.Add(line.Number, line.Name, message, hint);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"\s[#!]", RegexOptions.CultureInvariant)]
    private static partial Regex CommentAfterValue();
}
