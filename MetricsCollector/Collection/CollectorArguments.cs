namespace MeshAspire.MetricsCollector.Collection;

/// <summary>The collector's own flags turned into configuration keys; everything else passes through unchanged.</summary>
public static class CollectorArguments
{
    public const string ContextFlag = "--context";

    /// <summary><c>--context a --context b</c> (or <c>--context=a</c>) becomes <c>Collector:Contexts:0=a</c>, <c>...:1=b</c>.</summary>
    public static string[] Translate(string[] args)
    {
        var translated = new List<string>();
        var contexts = 0;
        for (var i = 0; i < args.Length; i++)
        {
            string? context = null;
            if (args[i] == ContextFlag && i + 1 < args.Length)
            {
                context = args[++i];
            }
            else if (args[i].StartsWith(ContextFlag + "=", StringComparison.Ordinal))
            {
                context = args[i][(ContextFlag.Length + 1)..];
            }

            if (context is null)
            {
                translated.Add(args[i]);
                continue;
            }

            translated.Add($"--{CollectorOptions.Contexts}:{contexts++}={context}");
        }

        return translated.ToArray();
    }
}
