using System.Globalization;
using System.Text;
using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>
/// Stand-in for the run store's scrape files until <see cref="IRunStore"/> is wired into the collector: each scrape
/// in the thesis's layout, <c>&lt;results&gt;/&lt;cluster&gt;/&lt;collection time&gt;/&lt;target&gt;.prom</c>, as
/// Prometheus text sample lines after a comment saying what and when; a failed scrape is its reason alone. A file
/// appears whole (written aside, then renamed), so a reader never sees half a scrape.
/// </summary>
public sealed class ScrapeFiles(string resultsFolder)
{
    public const string CollectionFormat = "yyyyMMdd'T'HHmmss'.'fff'Z'";

    public async Task AppendAsync(IReadOnlyList<Scrape> scrapes, CancellationToken cancellationToken)
    {
        foreach (var scrape in scrapes)
        {
            var collection = scrape.At.UtcDateTime.ToString(CollectionFormat, CultureInfo.InvariantCulture);
            var file = Path.Combine(resultsFolder, scrape.Cluster, collection, $"{scrape.Target}.prom");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var writing = file + ".part";
            await File.WriteAllTextAsync(writing, Text(scrape), cancellationToken);
            File.Move(writing, file, overwrite: true);
        }
    }

    public static string Text(Scrape scrape)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# scrape {scrape.Target} ({scrape.Kind}) at {scrape.At:O}\n");
        if (scrape.Failure is not null)
        {
            text.Append("# failed: ").Append(scrape.Failure.ReplaceLineEndings(" ")).Append('\n');
            return text.ToString();
        }

        foreach (var sample in scrape.Samples)
        {
            text.Append(sample.Name);
            if (sample.Labels.Count > 0)
            {
                text.Append('{');
                for (var i = 0; i < sample.Labels.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append(sample.Labels[i].Key).Append("=\"")
                        .Append(PrometheusTextFormat.EscapeLabelValue(sample.Labels[i].Value)).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(PrometheusTextFormat.FormatValue(sample.Value));
            if (sample.Timestamp is { } at)
            {
                text.Append(' ').Append(at.ToUnixTimeMilliseconds());
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
