namespace MeshAspire.Workflow.Scenarios;

/// <summary>The keys and section names a scenario file knows, and the nearest one to a misspelling.</summary>
public static class ScenarioKeys
{
    public const string Duration = "duration";
    public const string Transport = "transport";
    public const string Mesh = "mesh";
    public const string Pacing = "pacing";
    public const string PayloadBytes = "payload.bytes";
    public const string Warmup = "warmup";
    public const string Drain = "drain";
    public const string Repetitions = "repetitions";
    public const string ConnectTimeout = "connect.timeout";
    public const string TracingEvery = "tracing.every";
    public const string MaxInFlight = "max.in.flight";
    public const string ReplyTopic = "reply.topic";
    public const string PublisherConfirms = "publisher.confirms";

    public const string RootName = "rootname";
    public const string OpsStart = "operation.ops.start";
    public const string OpsEnd = "operation.ops.end";
    public const string HostnameTo = "communication.hostname.to";
    public const string PortTo = "communication.port.to";
    public const string PortFrom = "communication.port.from";
    public const string TopicTo = "communication.to";
    public const string TopicFrom = "communication.from";
    public const string PlacementCluster = "placement.cluster";

    /// <summary>An edit distance up to this suggests the known key or name.</summary>
    public const int MaxSuggestionDistance = 3;

    /// <summary>The keys that go before the first section.</summary>
    public static IReadOnlyList<string> GlobalKeys { get; } =
    [
        Duration, Transport, Mesh, Pacing, PayloadBytes, Warmup, Drain, Repetitions, ConnectTimeout, TracingEvery, MaxInFlight,
        ReplyTopic,
        PublisherConfirms,
    ];

    /// <summary>The keys that go inside a <c>[trigger]</c>, <c>[action]</c> or <c>[conclusion]</c> section.</summary>
    public static IReadOnlyList<string> SectionKeys { get; } =
    [
        RootName, OpsStart, OpsEnd, HostnameTo, PortTo, PortFrom, TopicTo, TopicFrom, PlacementCluster,
    ];

    /// <summary>The section names, lower-case.</summary>
    public static IReadOnlyList<string> SectionNames { get; } = ["trigger", "action", "conclusion"];

    public static bool IsGlobal(string key) => GlobalKeys.Contains(key, StringComparer.Ordinal);

    public static bool IsSection(string key) => SectionKeys.Contains(key, StringComparer.Ordinal);

    /// <summary>
    /// The candidate nearest to <paramref name="text"/>: one equal but for case first, otherwise the one with the
    /// smallest edit distance up to <see cref="MaxSuggestionDistance"/> (the earlier candidate on a tie); else null.
    /// </summary>
    public static string? Nearest(string text, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            var distance = EditDistance(text.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Min(MaxSuggestionDistance, Math.Max(1, text.Length / 2)) ? best : null;
    }

    /// <summary>Levenshtein distance where swapping two adjacent characters also counts as one edit.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }
}
