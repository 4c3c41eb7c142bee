using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>The one way <c>report</c> turns a RUN argument into what the report is drawn from.</summary>
public static class ReportRunLoader
{
    /// <summary>A results folder when <paramref name="run"/> is one; else the run by that id in <paramref name="store"/>.</summary>
    public static async Task<ReportInput> LoadAsync(string run, IRunStore? store, CancellationToken cancellationToken)
    {
        if (Directory.Exists(run))
        {
            return ResultsFolderReader.IsResultsFolder(run)
                ? await ResultsFolderReader.ReadAsync(run, cancellationToken)
                : throw new ReportInputException($"{run}: a folder without the summary.json of a run's results");
        }

        if (store is null)
        {
            throw new ReportInputException($"{run}: no such results folder, and no run store is configured to look it up as a run id");
        }

        var stored = await store.LoadRunAsync(run, cancellationToken)
                     ?? throw new ReportInputException($"{run}: no such run in {store.Location}, and no such results folder");
        return new ReportInput(stored, await ResourceUsage.ReadAsync(store.ReadScrapesAsync(run, cancellationToken), cancellationToken));
    }
}
