namespace MeshAspire.MetricsCollector.Report;

/// <summary>A run's resource means per role: what the means chart and table show.</summary>
public static class ResourceTotals
{
    public static double Of(ReportedRun run, string metric, string role) =>
        run.Resources.Tracks.Where(t => t.Metric == metric && t.Role == role).Sum(t => t.Mean(run.Summary.Start, run.Summary.End).Mean);
}
