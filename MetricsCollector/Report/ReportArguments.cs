namespace MeshAspire.MetricsCollector.Report;

/// <summary>The arguments of <c>MetricsCollector report RUN... [--out DIR]</c>.</summary>
public sealed record ReportArguments(IReadOnlyList<string> Runs, string? Out, bool Help)
{
    public const string Usage = """
        usage: MetricsCollector report RUN... [--out DIR]

          RUN        a run id (looked up in the run store) or a run's results folder; several runs are drawn side by side
          --out DIR  where to write report.html, smp-result.json and the charts' CSVs
                     (default: the results folder of a single run, else reports/<run>-vs-<run>...)
        """;

    public static ReportArguments Parse(IReadOnlyList<string> args)
    {
        var runs = new List<string>();
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return new ReportArguments(runs, output, Help: true);
            }

            if (arg == "--out")
            {
                output = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[++i]
                    : throw new ReportInputException("--out: needs a folder");
            }
            else if (arg.StartsWith("--out=", StringComparison.Ordinal))
            {
                output = arg["--out=".Length..];
                if (output.Length == 0)
                {
                    throw new ReportInputException("--out: needs a folder");
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                throw new ReportInputException($"{arg}: unknown option (report takes RUN... and --out DIR)");
            }
            else if (string.IsNullOrWhiteSpace(arg))
            {
                throw new ReportInputException("an empty RUN argument");
            }
            else
            {
                runs.Add(arg);
            }
        }

        return runs.Count == 0 ? throw new ReportInputException("no RUN given") : new ReportArguments(runs, output, Help: false);
    }

    /// <summary>The folder to write to: --out, else the single run's results folder, else a folder named after the runs.</summary>
    public string OutputFolder(IReadOnlyList<ReportInput> inputs)
    {
        if (Out is not null)
        {
            return Out;
        }

        if (Runs.Count == 1)
        {
            return Directory.Exists(Runs[0]) ? Runs[0] : Path.Combine("runs", Safe(inputs[0].Stored.Run.RunId));
        }

        var name = string.Join("-vs-", inputs.Select(i => Safe(i.Stored.Run.RunId)));
        return Path.Combine("reports", name.Length <= 120 ? name : name[..120]);
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
