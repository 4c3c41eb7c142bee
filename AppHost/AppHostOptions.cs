namespace MeshAspire.AppHost;

/// <summary>
/// The app host's own flags, taken out of the command line before Aspire sees the rest
/// (<c>--operation publish</c> and the like pass through).
/// </summary>
public sealed record AppHostOptions(string? Scenario, string? Results, bool ExitWhenDone, string[] AspireArguments, IReadOnlyList<string> Errors)
{
    public const string ScenarioFlag = "--scenario";
    public const string ResultsFlag = "--results";
    public const string ExitWhenDoneFlag = "--exit-when-done";
    public const string StoreFlag = "--store";

    /// <summary>Where the collector keeps the run: <c>files</c> (the results folder, the default) or <c>postgres</c>.</summary>
    public RunStoreKind Store { get; init; } = RunStoreKind.Files;

    public static AppHostOptions Parse(string[] args)
    {
        string? scenario = null, results = null;
        var store = RunStoreKind.Files;
        var exitWhenDone = false;
        var rest = new List<string>();
        var errors = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (flag, inline) = Split(args[i]);
            switch (flag)
            {
                case ScenarioFlag:
                    scenario = Value(flag, inline, args, ref i, errors);
                    break;
                case ResultsFlag:
                    results = Value(flag, inline, args, ref i, errors);
                    break;
                case StoreFlag:
                    store = Value(flag, inline, args, ref i, errors) switch
                    {
                        null => store,
                        "files" => RunStoreKind.Files,
                        "postgres" => RunStoreKind.Postgres,
                        var other => Unknown(other, errors),
                    };
                    break;
                case ExitWhenDoneFlag when inline is null:
                    exitWhenDone = true;
                    break;
                case ExitWhenDoneFlag:
                    errors.Add($"{ExitWhenDoneFlag} takes no value (got '{inline}')");
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new AppHostOptions(scenario, results, exitWhenDone, rest.ToArray(), errors) { Store = store };
    }

    private static RunStoreKind Unknown(string store, List<string> errors)
    {
        errors.Add($"{StoreFlag} takes 'files' or 'postgres', not '{store}'");
        return RunStoreKind.Files;
    }

    private static (string Flag, string? Inline) Split(string argument)
    {
        var equals = argument.IndexOf('=');
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    private static string? Value(string flag, string? inline, string[] args, ref int i, List<string> errors)
    {
        if (inline is not null)
        {
            return inline.Length > 0 ? inline : Missing(flag, errors);
        }

        if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++i];
        }

        return Missing(flag, errors);
    }

    private static string? Missing(string flag, List<string> errors)
    {
        var value = flag switch
        {
            ScenarioFlag => "FILE",
            StoreFlag => "files|postgres",
            _ => "DIR",
        };
        errors.Add($"{flag} needs a value: {flag} {value}");
        return null;
    }
}

/// <summary>The run stores a local run can use.</summary>
public enum RunStoreKind
{
    Files,
    Postgres,
}
