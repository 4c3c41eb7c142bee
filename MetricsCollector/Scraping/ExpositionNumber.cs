using System.Globalization;

namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>Sample values and timestamps as both formats write them.</summary>
internal static class ExpositionNumber
{
    private const NumberStyles RealNumber =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private const decimal LargestSeconds = 1e15m;

    /// <summary>A decimal number or, in any letter case, <c>NaN</c>, <c>Inf</c> or <c>Infinity</c> with an optional sign.</summary>
    public static bool TryParseValue(ReadOnlySpan<char> token, out double value)
    {
        var unsigned = token.Length > 0 && (token[0] == '+' || token[0] == '-') ? token[1..] : token;
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = token[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (token.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        value = 0;
        return IsDecimal(unsigned) && double.TryParse(token, RealNumber, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>0.0.4: whole milliseconds since the Unix epoch.</summary>
    public static bool TryParseMilliseconds(ReadOnlySpan<char> token, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>OpenMetrics: seconds since the Unix epoch, read as a decimal so no digit is lost to binary floating point (kept to 100 ns).</summary>
    public static bool TryParseSeconds(ReadOnlySpan<char> token, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var unsigned = token.Length > 0 && (token[0] == '+' || token[0] == '-') ? token[1..] : token;
        if (!IsDecimal(unsigned) || !decimal.TryParse(token, RealNumber, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(seconds) > LargestSeconds)
        {
            return false;
        }

        var ticks = decimal.Truncate(seconds * TimeSpan.TicksPerSecond) + DateTimeOffset.UnixEpoch.Ticks;
        if (ticks < DateTimeOffset.MinValue.Ticks || ticks > DateTimeOffset.MaxValue.Ticks)
        {
            return false;
        }

        timestamp = new DateTimeOffset((long)ticks, TimeSpan.Zero);
        return true;
    }

    private static bool IsDecimal(ReadOnlySpan<char> unsigned)
    {
        var startsWithDigit = unsigned.Length > 0 && char.IsAsciiDigit(unsigned[0]);
        var startsWithPointAndDigit = unsigned.Length > 1 && unsigned[0] == '.' && char.IsAsciiDigit(unsigned[1]);
        if (!startsWithDigit && !startsWithPointAndDigit)
        {
            return false;
        }

        foreach (var c in unsigned)
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '+' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
