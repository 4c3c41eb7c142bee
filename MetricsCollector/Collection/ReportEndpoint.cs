namespace MeshAspire.MetricsCollector.Collection;

/// <summary><c>GET /report</c>: the run's report.html once it is written, else 404 saying so.</summary>
public static class ReportEndpoint
{
    public const string Path = "/report";

    public static WebApplication MapReport(this WebApplication app)
    {
        app.MapGet(Path, (ReportLocation location) => location.Report is { } report
            ? Microsoft.AspNetCore.Http.Results.File(report, "text/html; charset=utf-8")
            : Microsoft.AspNetCore.Http.Results.Text(
                location.Folder is { } folder
                    ? $"No report yet: {ReportLocation.ReportFile} is written to {folder} when the run has been collected.\n"
                    : "No report yet: the collector has not started following a run.\n",
                "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status404NotFound));
        return app;
    }
}
