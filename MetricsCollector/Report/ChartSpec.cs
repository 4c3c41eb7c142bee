namespace MeshAspire.MetricsCollector.Report;

/// <summary>How a chart's axis is labelled by the page: seconds, percentile (1 / (1 - p) on a log axis), or categories.</summary>
public enum AxisFormat
{
    Number,
    Seconds,
    Percentile,
    Category,
}

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    Line,
    Points,
    Bars,
}

public sealed record ChartAxis(string Label, AxisFormat Format = AxisFormat.Number, bool Log = false);

/// <summary>A label placed at a position of a category axis (the middle of a group of bars).</summary>
public sealed record ChartCategory(double At, string Label);

/// <summary>
/// One series with its own x values; the page joins the series of a chart onto one x axis (uPlot.join), so runs of
/// different lengths share the chart. A null y is a gap in the line.
/// </summary>
public sealed record ChartSeries(string Label, string Color, double[] X, double?[] Y, SeriesStyle Style = SeriesStyle.Line, double Width = 1.5, double[]? Dash = null);

/// <summary>What the page needs to draw one chart; serialised into the page as JSON.</summary>
public sealed record ChartSpec(
    string Id,
    string Title,
    string Caption,
    ChartAxis X,
    ChartAxis Y,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ChartCategory>? Categories = null);
