using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshAspire.Workflow.Scenarios;

/// <summary>
/// Reads a duration written for people (<c>2minutes</c>, <c>90 sec</c>, <c>1h 30m</c>, <c>1.5h</c>, <c>250ms</c>)
/// or in ISO 8601 (<c>PT1H30M</c>, <c>P1DT2H</c>, case-insensitive).
/// </summary>
public static partial class HumanDuration
{
    /// <summary>The units accepted in the human form, as listed in messages.</summary>
    public const string AcceptedUnits = "ms/millisecond(s), s/sec/second(s), m/min/minute(s), h/hr/hour(s), d/day(s)";

    private static readonly Dictionary<string, long> TicksPerUnit = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ms"] = TimeSpan.TicksPerMillisecond,
        ["msec"] = TimeSpan.TicksPerMillisecond,
        ["msecs"] = TimeSpan.TicksPerMillisecond,
        ["millisecond"] = TimeSpan.TicksPerMillisecond,
        ["milliseconds"] = TimeSpan.TicksPerMillisecond,
        ["s"] = TimeSpan.TicksPerSecond,
        ["sec"] = TimeSpan.TicksPerSecond,
        ["secs"] = TimeSpan.TicksPerSecond,
        ["second"] = TimeSpan.TicksPerSecond,
        ["seconds"] = TimeSpan.TicksPerSecond,
        ["m"] = TimeSpan.TicksPerMinute,
        ["min"] = TimeSpan.TicksPerMinute,
        ["mins"] = TimeSpan.TicksPerMinute,
        ["minute"] = TimeSpan.TicksPerMinute,
        ["minutes"] = TimeSpan.TicksPerMinute,
        ["h"] = TimeSpan.TicksPerHour,
        ["hr"] = TimeSpan.TicksPerHour,
        ["hrs"] = TimeSpan.TicksPerHour,
        ["hour"] = TimeSpan.TicksPerHour,
        ["hours"] = TimeSpan.TicksPerHour,
        ["d"] = TimeSpan.TicksPerDay,
        ["day"] = TimeSpan.TicksPerDay,
        ["days"] = TimeSpan.TicksPerDay,
    };

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "a duration is required, e.g. 90s, 2minutes, 1h30m or PT2M";
            return false;
        }

        if (trimmed[0] == '-')
        {
            error = $"'{trimmed}' is negative: a duration must be 0 or more";
            return false;
        }

        error = trimmed[0] is 'P' or 'p' ? ParseIso(trimmed, out value) : ParseHuman(trimmed, out value);
        return error is null;
    }

    private static string? ParseHuman(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (BareNumber().IsMatch(text))
        {
            return $"'{text}' has no unit: give a unit, e.g. 90s or 2minutes";
        }

        var parts = new List<(string Number, string Unit)>();
        var position = 0;
        foreach (Match part in HumanPart().Matches(text))
        {
            if (part.Index != position)
            {
                break;
            }

            position = part.Index + part.Length;
            parts.Add((part.Groups["n"].Value, part.Groups["u"].Value));
        }

        if (position != text.Length)
        {
            return $"'{text}' is not a duration: expected numbers with units such as 90s, 5 min, 1h30m or 1.5h, or ISO 8601 such as PT1H30M";
        }

        long total = 0;
        foreach (var (number, unit) in parts)
        {
            if (unit.Length == 0)
            {
                return $"'{number}' in '{text}' has no unit: give one of {AcceptedUnits}";
            }

            if (!TicksPerUnit.TryGetValue(unit, out var ticksPerUnit))
            {
                return $"'{unit}' in '{text}' is not a unit: use {AcceptedUnits}";
            }

            if (!TryAddTicks(ref total, number, ticksPerUnit))
            {
                return $"'{text}' is too long for a duration";
            }
        }

        value = TimeSpan.FromTicks(total);
        return null;
    }

    private static string? ParseIso(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = IsoDuration().Match(text);
        if (!match.Success || match.Length == 1 || text.EndsWith('T') || text.EndsWith('t'))
        {
            return IsoYearsOrMonths().IsMatch(text)
                ? $"'{text}' uses years or months, which have no fixed length: use weeks, days, hours, minutes or seconds"
                : $"'{text}' is not an ISO 8601 duration: expected e.g. PT2M, PT1H30M, PT0.5S or P1DT2H";
        }

        long total = 0;
        (string Group, long Ticks)[] parts =
        [
            ("w", TimeSpan.TicksPerDay * 7),
            ("d", TimeSpan.TicksPerDay),
            ("h", TimeSpan.TicksPerHour),
            ("m", TimeSpan.TicksPerMinute),
            ("s", TimeSpan.TicksPerSecond),
        ];
        foreach (var (group, ticks) in parts)
        {
            var number = match.Groups[group];
            if (number.Success && !TryAddTicks(ref total, number.Value.Replace(',', '.'), ticks))
            {
                return $"'{text}' is too long for a duration";
            }
        }

        value = TimeSpan.FromTicks(total);
        return null;
    }

    private static bool TryAddTicks(ref long total, string number, long ticksPerUnit)
    {
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount > (decimal)TimeSpan.MaxValue.Ticks / ticksPerUnit)
        {
            return false;
        }

        var ticks = decimal.Round(amount * ticksPerUnit, MidpointRounding.AwayFromZero);
        if (ticks > TimeSpan.MaxValue.Ticks - total)
        {
            return false;
        }

        total += (long)ticks;
        return true;
    }

    [GeneratedRegex(@"^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\s*(?<n>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(?<u>[a-zA-Z]*)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex HumanPart();

    [GeneratedRegex(
        @"^P(?:(?<w>[0-9]+(?:[.,][0-9]+)?)W)?(?:(?<d>[0-9]+(?:[.,][0-9]+)?)D)?(?:T(?:(?<h>[0-9]+(?:[.,][0-9]+)?)H)?(?:(?<m>[0-9]+(?:[.,][0-9]+)?)M)?(?:(?<s>[0-9]+(?:[.,][0-9]+)?)S)?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();

    [GeneratedRegex(@"^P[^T]*[0-9](?:[.,][0-9]+)?[YM]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsoYearsOrMonths();
}
