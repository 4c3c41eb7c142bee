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

    /// <summary>The text of a scrape already <see cref="StoredScrapes.Normalise">normalised</see>.</summary>
    public static string Format(Scrape scrape)
    {
        var text = new StringBuilder();
        var header = new ScrapeHeader(scrape.Cluster, scrape.Target, scrape.Kind, scrape.At, scrape.Failure);
        text.Append(HeaderPrefix).Append(JsonSerializer.Serialize(header, HeaderJson)).Append('\n');
        foreach (var sample in scrape.Samples)
        {
            AppendSample(text, sample);
        }

        return text.ToString();
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

    private static void AppendSample(StringBuilder text, MetricSample sample)
    {
        text.Append(sample.Name);
        if (sample.Labels.Count > 0)
        {
            text.Append('{');
            for (var i = 0; i < sample.Labels.Count; i++)
            {
                var (name, value) = sample.Labels[i];
                text.Append(i == 0 ? "" : ",").Append(name).Append("=\"").Append(PrometheusTextFormat.EscapeLabelValue(value)).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(PrometheusTextFormat.FormatValue(sample.Value));
        if (sample.Timestamp is { } at)
        {
            text.Append(' ').Append(at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }

        text.Append('\n');
    }

    private sealed record ScrapeHeader(string Cluster, string Target, ScrapeKind Kind, DateTimeOffset At, string? Failure);
}
