using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>The seam where <c>report</c> finds the run store to look run ids up in.</summary>
public static class ReportStore
{
    /// <summary>
    /// The configured run store, or null while none is: then only results folders can be reported.
    /// The stores (files, PostgreSQL when a connection string is given) are opened here once they exist.
    /// </summary>
    public static IRunStore? Open(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return null;
    }
}
