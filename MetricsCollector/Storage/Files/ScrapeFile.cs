using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Storage.Files;

/// <summary>
/// One scrape as a file in Prometheus text format 0.0.4: a comment line <c># scrape {json}</c> that says which
/// target, cluster, kind and time it is and, for a failed scrape, why it failed; then the samples, one per line with
/// their timestamp in milliseconds where they had one. Read back with <see cref="PrometheusTextParser"/>.
/// </summary>
public static class ScrapeFile
{
    public const string Extension = ".prom";
    private const string HeaderPrefix = "# scrape ";

    private static readonly JsonSerializerOptions HeaderJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the UTF-8 text of a scrape already <see cref="StoredScrapes.Normalise">normalised</see>.</summary>
    public static void Write(Scrape scrape, IBufferWriter<byte> output)
    {
        output.Write("# scrape "u8);
        using (var json = new Utf8JsonWriter(output))
        {
            JsonSerializer.Serialize(json, new ScrapeHeader(scrape.Cluster, scrape.Target, scrape.Kind, scrape.At, scrape.Failure), HeaderJson);
        }

        output.Write("\n"u8);
        foreach (var sample in scrape.Samples)
        {
            WriteSample(output, sample);
        }
    }

    /// <summary>The text <see cref="Write"/> writes.</summary>
    public static string Format(Scrape scrape)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(scrape, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static Scrape Parse(string text, string file)
    {
        var firstLine = text.IndexOf('\n');
        var header = firstLine < 0 ? text : text[..firstLine];
        if (!header.StartsWith(HeaderPrefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{file}: expected a first line '{HeaderPrefix}{{...}}'");
        }

        ScrapeHeader? read;
        try
        {
            read = JsonSerializer.Deserialize<ScrapeHeader>(header[HeaderPrefix.Length..], HeaderJson);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{file}: its scrape line does not read: {error.Message}", error);
        }

        if (read is null || string.IsNullOrEmpty(read.Cluster) || string.IsNullOrEmpty(read.Target))
        {
            throw new InvalidDataException($"{file}: its scrape line names no cluster or target");
        }

        var parsed = PrometheusTextParser.Parse(text, ExpositionFormat.PrometheusText);
        if (!parsed.Succeeded)
        {
            throw new InvalidDataException($"{file}: {string.Join("; ", parsed.Errors)}");
        }

        var samples = parsed.Families.SelectMany(family => family.Samples).ToArray();
        return new Scrape(read.Cluster, read.Target, read.Kind, read.At, samples, read.Failure);
    }

    private static void WriteSample(IBufferWriter<byte> output, MetricSample sample)
    {
        WriteText(output, sample.Name);
        if (sample.Labels.Count > 0)
        {
            output.Write("{"u8);
            for (var i = 0; i < sample.Labels.Count; i++)
            {
                var (name, value) = sample.Labels[i];
                output.Write(i == 0 ? ""u8 : ","u8);
                WriteText(output, name);
                output.Write("=\""u8);
                WriteEscapedLabelValue(output, value);
                output.Write("\""u8);
            }

            output.Write("}"u8);
        }

        output.Write(" "u8);
        WriteValue(output, sample.Value);
        if (sample.Timestamp is { } at)
        {
            output.Write(" "u8);
            WriteFormatted(output, at.ToUnixTimeMilliseconds());
        }

        output.Write("\n"u8);
    }

    /// <summary>The value as <see cref="PrometheusTextFormat.FormatValue"/> writes it.</summary>
    private static void WriteValue(IBufferWriter<byte> output, double value)
    {
        switch (value)
        {
            case double.NaN:
                output.Write("NaN"u8);
                break;
            case double.PositiveInfinity:
                output.Write("+Inf"u8);
                break;
            case double.NegativeInfinity:
                output.Write("-Inf"u8);
                break;
            default:
                WriteFormatted(output, value, "R");
                break;
        }
    }

    private static void WriteFormatted<T>(IBufferWriter<byte> output, T value, string? format = null)
        where T : IUtf8SpanFormattable
    {
        var span = output.GetSpan(32);
        if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{value} did not fit in 32 bytes");
        }

        output.Advance(written);
    }

    /// <summary>Backslash, double quote and line feed escaped, as <see cref="PrometheusTextFormat.EscapeLabelValue"/> does.</summary>
    private static void WriteEscapedLabelValue(IBufferWriter<byte> output, string value)
    {
        var rest = value.AsSpan();
        for (var special = rest.IndexOfAny('\\', '"', '\n'); special >= 0; special = rest.IndexOfAny('\\', '"', '\n'))
        {
            WriteText(output, rest[..special]);
            output.Write(rest[special] switch
            {
                '\\' => "\\\\"u8,
                '"' => "\\\""u8,
                _ => "\\n"u8,
            });
            rest = rest[(special + 1)..];
        }

        WriteText(output, rest);
    }

    private static void WriteText(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        var written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        output.Advance(written);
    }

    private sealed record ScrapeHeader(string Cluster, string Target, ScrapeKind Kind, DateTimeOffset At, string? Failure);
}
