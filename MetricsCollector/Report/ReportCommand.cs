namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// <c>MetricsCollector report RUN... [--out DIR]</c>: loads each run, writes the report and says where.
/// Exit code 0 written, 2 bad input (an unknown flag, a missing or unreadable run, a folder that cannot be written).
/// </summary>
public static class ReportCommand
{
    public const string Name = "report";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var arguments = ReportArguments.Parse(args);
            if (arguments.Help)
            {
                await output.WriteLineAsync(ReportArguments.Usage);
                return 0;
            }

            var store = ReportStore.Open(configuration);
            await using var _ = store;
            var inputs = new List<ReportInput>();
            foreach (var run in arguments.Runs)
            {
                inputs.Add(await ReportRunLoader.LoadAsync(run, store, cancellationToken));
            }

            var folder = arguments.OutputFolder(inputs);
            var html = await Write(folder, inputs, cancellationToken);
            await output.WriteLineAsync($"report of {inputs.Count} run(s) written to {Path.GetFullPath(html)}");
            return 0;
        }
        catch (System.Data.Common.DbException unreadable)
        {
            await error.WriteLineAsync($"report: the run store could not be read ({unreadable.Message})");
            return Workflow.Hosting.ComponentSetupResult.BadInputExitCode;
        }
        catch (InvalidDataException damaged)
        {
            await error.WriteLineAsync($"report: a stored run is damaged: {damaged.Message}");
            return Workflow.Hosting.ComponentSetupResult.BadInputExitCode;
        }
        catch (ReportInputException bad)
        {
            await error.WriteLineAsync($"report: {bad.Message}");
            await error.WriteLineAsync(ReportArguments.Usage);
            return Workflow.Hosting.ComponentSetupResult.BadInputExitCode;
        }
    }

    private static async Task<string> Write(string folder, IReadOnlyList<ReportInput> inputs, CancellationToken cancellationToken)
    {
        try
        {
            return await ReportWriter.WriteAsync(folder, inputs, cancellationToken);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"--out {folder}: cannot be written ({failure.Message})", failure);
        }
    }
}
