using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>Writes one HTML table: text cells left-aligned, numbers right-aligned, everything encoded.</summary>
internal sealed class HtmlTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly StringBuilder _html = new();

    public HtmlTable(string id, params string[] headers)
    {
        _html.Append(Invariant, $"<table id=\"{id}\"><thead><tr>");
        for (var i = 0; i < headers.Length; i++)
        {
            _html.Append(i == 0 ? "<th class=\"text\">" : "<th>").Append(Encode(headers[i])).Append("</th>");
        }

        _html.Append("</tr></thead><tbody>");
    }

    public HtmlTable Row(int run, string runId, params object?[] cells)
    {
        _html.Append("<tr><td class=\"text\">").Append(Swatch(run)).Append(Encode(runId)).Append("</td>");
        foreach (var cell in cells)
        {
            var text = cell switch
            {
                null => "–",
                double d => Number(d),
                long l => l.ToString("N0", Invariant),
                int i => i.ToString("N0", Invariant),
                _ => cell.ToString() ?? "",
            };
            _html.Append(cell is string ? "<td class=\"text\">" : "<td>").Append(Encode(text)).Append("</td>");
        }

        _html.Append("</tr>");
        return this;
    }

    public override string ToString() => _html + "</tbody></table>";

    public static string Swatch(int run) => $"<span class=\"swatch\" style=\"background:{RunColors.Of(run)}\"></span>";

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    public static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N1" : Math.Abs(value) >= 1 ? "0.000" : "0.0000", Invariant);
}
