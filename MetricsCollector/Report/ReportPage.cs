using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// The report as one HTML file that opens offline: the page template, its style and script, uPlot and the charts'
/// data are all inlined. The page records script errors and every chart it drew in the DOM
/// (<c>data-script-errors</c>, <c>data-charts-drawn</c>, <c>data-drawn</c> per chart), which the browser test reads.
/// </summary>
public static class ReportPage
{
    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task WriteAsync(Stream destination, IReadOnlyList<ReportedRun> runs, IReadOnlyList<ChartSpec> charts, CancellationToken cancellationToken)
    {
        var template = ReportResources.Text("report.html");
        var parts = new Dictionary<string, Func<TextWriter, Task>>
        {
            ["title"] = w => w.WriteAsync(HtmlTable.Encode("MeshAspire report: " + string.Join(" vs ", runs.Select(r => r.Id)))),
            ["uplot-css"] = w => w.WriteAsync(ReportResources.Text("uPlot.min.css")),
            ["css"] = w => w.WriteAsync(ReportResources.Text("report.css")),
            ["body"] = w => w.WriteAsync(Body(runs, charts)),
            ["uplot-js"] = w => w.WriteAsync(ReportResources.Text("uPlot.iife.min.js")),
            ["data"] = async w =>
            {
                await w.FlushAsync(cancellationToken);
                await JsonSerializer.SerializeAsync(destination, new { charts }, ChartJson, cancellationToken);
            },
            ["js"] = w => w.WriteAsync(ReportResources.Text("report.js")),
        };

        await using var writer = new StreamWriter(destination, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                await writer.WriteAsync(template.AsMemory(at), cancellationToken);
                break;
            }

            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            await writer.WriteAsync(template.AsMemory(at, open - at), cancellationToken);
            await parts[template[(open + 2)..close]](writer);
            at = close + 2;
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string Body(IReadOnlyList<ReportedRun> runs, IReadOnlyList<ChartSpec> charts)
    {
        var html = new StringBuilder();
        html.Append("<h1>MeshAspire report</h1>");
        html.Append("<p class=\"caption\">Every chart puts the runs on the same axes, one colour per run. Warm-up (repetition 0) is left out of everything; latencies are measured from each message's intended send time (open loop). Written ")
            .Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append(" UTC.</p>");
        html.Append(ReportTables.Runs(runs));

        html.Append("<h2>End-to-end latency</h2>");
        Chart(html, charts, "latency-over-time");
        Chart(html, charts, "latency-percentiles");
        html.Append(ReportTables.Latencies(runs));

        html.Append("<h2>Per hop</h2>");
        Chart(html, charts, "hop-breakdown");
        html.Append(ReportTables.Hops(runs));

        html.Append("<h2>Rate</h2>");
        Chart(html, charts, "rates");
        html.Append(ReportTables.Rates(runs));

        html.Append("<h2>Loss</h2><p class=\"caption\">From sequence numbers after the drain: lost = sent (or handed on by the caller) and never received; duplicates and reordering as each component received them.</p>");
        html.Append(ReportTables.Loss(runs));

        html.Append("<h2>CPU and memory</h2>");
        var resourceCharts = charts.Where(c => c.Id.StartsWith("cpu-", StringComparison.Ordinal) || c.Id.StartsWith("memory-", StringComparison.Ordinal)).ToArray();
        if (resourceCharts.Length == 0)
        {
            html.Append("<p class=\"empty\">No resource samples are stored for these runs.</p>");
        }

        foreach (var chart in resourceCharts)
        {
            Chart(html, charts, chart.Id);
        }

        html.Append(ReportTables.ResourceMeans(runs) ?? "");

        html.Append("<h2>Notes</h2><ul class=\"notes\">");
        var anyNote = false;
        for (var r = 0; r < runs.Count; r++)
        {
            foreach (var note in runs[r].Notes)
            {
                anyNote = true;
                html.Append("<li>").Append(HtmlTable.Swatch(r)).Append(HtmlTable.Encode($"{runs[r].Id}: {note}")).Append("</li>");
            }
        }

        html.Append(anyNote ? "</ul>" : "<li class=\"empty\">none</li></ul>");
        html.Append("<footer>Charts drawn with uPlot 1.6.32 (MIT licence, © Leon Sorokin), inlined. The data of every chart is also written beside this page as CSV.</footer>");
        return html.ToString();
    }

    private static void Chart(StringBuilder html, IReadOnlyList<ChartSpec> charts, string id)
    {
        var chart = charts.First(c => c.Id == id);
        html.Append("<h3>").Append(HtmlTable.Encode(chart.Title)).Append("</h3>")
            .Append("<p class=\"caption\">").Append(HtmlTable.Encode(chart.Caption)).Append("</p>")
            .Append("<div class=\"chart\" data-chart=\"").Append(HtmlTable.Encode(chart.Id)).Append("\"></div>");
    }
}
