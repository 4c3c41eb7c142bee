namespace MeshAspire.MetricsCollector.Report;

/// <summary>One colour per run, the same in every chart and table of a report.</summary>
public static class RunColors
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>Dash patterns that tell apart the series of one run (components, statistics) within its colour.</summary>
    private static readonly double[][] Dashes = [[], [6, 3], [2, 3], [10, 3, 2, 3], [1, 6], [12, 6]];

    public static string Of(int run) => Palette[run % Palette.Length];

    public static double[]? Dash(int index) => index % Dashes.Length == 0 ? null : Dashes[index % Dashes.Length];
}
