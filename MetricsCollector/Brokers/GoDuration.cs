using System.Globalization;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>Reads a duration as Go's <c>time.Duration.String()</c> writes it: <c>1h2m3.5s</c>, <c>1.55ms</c>, <c>525µs</c>, <c>0s</c>.</summary>
public static class GoDuration
{
    public static bool TryParseSeconds(string text, out double seconds)
    {
        seconds = 0;
        var rest = text.AsSpan().Trim();
        var sign = 1.0;
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            sign = rest[0] == '-' ? -1 : 1;
            rest = rest[1..];
        }

        if (rest.Length == 0)
        {
            return false;
        }

        if (rest is "0")
        {
            return true;
        }

        var total = 0.0;
        while (rest.Length > 0)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < rest.Length && !char.IsAsciiDigit(rest[numberLength + unitLength]) && rest[numberLength + unitLength] != '.')
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || UnitSeconds(rest.Slice(numberLength, unitLength)) is not { } unit)
            {
                return false;
            }

            total += number * unit;
            rest = rest[(numberLength + unitLength)..];
        }

        seconds = sign * total;
        return true;
    }

    private static double? UnitSeconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1e-9,
        "us" or "\u00b5s" or "\u03bcs" => 1e-6,
        "ms" => 1e-3,
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => null,
    };
}
