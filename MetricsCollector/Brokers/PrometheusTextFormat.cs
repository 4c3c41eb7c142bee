using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>Prometheus text exposition format 0.0.4: <c># HELP</c> and <c># TYPE</c> once per metric, then its samples.</summary>
public static partial class PrometheusTextFormat
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<PrometheusFamily> families)
    {
        var text = new StringBuilder();
        foreach (var family in families)
        {
            Append(text, family);
        }

        return text.ToString();
    }

    /// <summary>Appends one metric; a metric without samples writes nothing.</summary>
    public static void Append(StringBuilder text, PrometheusFamily family)
    {
        if (!MetricName().IsMatch(family.Name))
        {
            throw new ArgumentException($"'{family.Name}' is not a Prometheus metric name", nameof(family));
        }

        if (family.Samples.Count == 0)
        {
            return;
        }

        text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type == PrometheusMetricType.Counter ? "counter" : "gauge").Append('\n');
        foreach (var sample in family.Samples)
        {
            text.Append(family.Name);
            if (sample.Labels.Count > 0)
            {
                text.Append('{');
                for (var i = 0; i < sample.Labels.Count; i++)
                {
                    var (name, value) = sample.Labels[i];
                    if (!LabelName().IsMatch(name) || name.StartsWith("__", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"'{name}' is not a Prometheus label name", nameof(family));
                    }

                    text.Append(i == 0 ? "" : ",").Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(FormatValue(sample.Value)).Append('\n');
        }
    }

    /// <summary>Backslash, double quote and line feed escaped, as a label value must be.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Backslash and line feed escaped, as a help text must be.</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>The shortest text that reads back as the same double, as Go's ParseFloat reads it.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
