using System.Globalization;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.MetricsCollector.Results;

/// <summary>Reads clocks.csv back (as <see cref="ClocksCsvWriter"/> wrote it), so a reloaded run is corrected as it was.</summary>
public static class ClocksCsvReader
{
    /// <summary>
    /// The clocks.csv of a run's folder, one clock per component of <paramref name="chain"/> in its order; null when
    /// there is none (the run's clocks were not measured).
    /// </summary>
    /// <exception cref="FormatException">Not a clocks.csv, or not of this chain: the message names the file.</exception>
    public static IReadOnlyList<ComponentClock>? ReadIfPresent(string folder, IReadOnlyList<string> chain)
    {
        var file = Path.Combine(folder, RunResultsWriter.ClocksCsv);
        if (!File.Exists(file))
        {
            return null;
        }

        using var input = new StreamReader(file);
        try
        {
            var clocks = Read(input);
            return clocks.Select(c => c.Component).SequenceEqual(chain, StringComparer.Ordinal)
                ? clocks
                : throw new FormatException(
                    $"its components ({string.Join(", ", clocks.Select(c => c.Component))}) are not the run's chain ({string.Join(", ", chain)})");
        }
        catch (FormatException error)
        {
            throw new FormatException($"{file}: {error.Message}", error);
        }
    }

    /// <exception cref="FormatException">Not a clocks.csv: the header or a row's message says which.</exception>
    public static IReadOnlyList<ComponentClock> Read(TextReader input)
    {
        var header = input.ReadLine();
        if (header != ClocksCsvWriter.Header)
        {
            throw new FormatException($"line 1: expected the header '{ClocksCsvWriter.Header}'");
        }

        var clocks = new List<ComponentClock>();
        var lineNumber = 1;
        while (input.ReadLine() is { Length: > 0 } line)
        {
            lineNumber++;
            var cells = line.Split(',');
            if (cells.Length != 9)
            {
                throw new FormatException($"line {lineNumber}: expected 9 cells, found {cells.Length}");
            }

            clocks.Add(new ComponentClock(cells[0], Reading(cells.AsSpan(1, 4), lineNumber), Reading(cells.AsSpan(5, 4), lineNumber)));
        }

        return clocks;
    }

    private static ClockReading? Reading(ReadOnlySpan<string> cells, int lineNumber)
    {
        if (cells[0].Length == 0)
        {
            return null;
        }

        if (!long.TryParse(cells[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset)
            || !long.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bound)
            || !long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || !int.TryParse(cells[3], NumberStyles.None, CultureInfo.InvariantCulture, out var probes))
        {
            throw new FormatException($"line {lineNumber}: a reading is not four whole numbers: {string.Join(',', cells.ToArray())}");
        }

        return new ClockReading(offset, bound, at, probes);
    }
}
