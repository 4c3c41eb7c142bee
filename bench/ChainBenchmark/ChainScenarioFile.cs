using System.Globalization;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Bench;

/// <summary>
/// The scenario of one chain case: trigger -> action01 -> action02 -> conclusion over one transport (linked by host
/// name for grpc, grpc-stream and tcp, by topic for the brokers), a constant rate after a warm-up at the same rate, no capacity
/// limit on the actions or the conclusion, tracing off.
/// </summary>
public static class ChainScenarioFile
{
    public static readonly IReadOnlyList<(string Name, string Role)> Components =
    [
        ("trigger", "Trigger"),
        ("action01", "Action"),
        ("action02", "Action"),
        ("conclusion", "Conclusion"),
    ];

    public static string Write(string folder, CaseKind kind, int rate, TimeSpan duration, TimeSpan warmup, TimeSpan drain, int payloadBytes)
    {
        var path = Path.Combine(folder, $"{kind.Key()}-{rate}.properties");
        File.WriteAllText(path, Text(kind, rate, duration, warmup, drain, payloadBytes));
        return path;
    }

    private static string Text(CaseKind kind, int rate, TimeSpan duration, TimeSpan warmup, TimeSpan drain, int payloadBytes)
    {
        var transport = kind.TransportOf().ToKey();
        var byHostname = kind.TransportOf().IsSynchronous();
        string Link(int from) => byHostname
            ? $"communication.hostname.to={Components[from + 1].Name}"
            : $"communication.to=WORKFLOW-{Components[from + 1].Name.ToUpperInvariant()}";
        string Source(int to) => byHostname ? string.Empty : $"communication.from=WORKFLOW-{Components[to].Name.ToUpperInvariant()}";

        return string.Create(CultureInfo.InvariantCulture, $"""
            # Written by bench/ChainBenchmark: {rate} msg/s over {transport} through the four-component chain.
            duration={(long)duration.TotalMilliseconds}ms
            warmup={(long)warmup.TotalMilliseconds}ms
            drain={(long)drain.TotalMilliseconds}ms
            connect.timeout=30s
            transport={transport}
            payload.bytes={payloadBytes}
            tracing.every=0
            {kind.ExtraScenarioKeys()}

            [trigger]
            rootname=trigger
            operation.ops.start={rate}
            operation.ops.end={rate}
            {Link(0)}

            [action]
            rootname=action01
            {Source(1)}
            {Link(1)}

            [action]
            rootname=action02
            {Source(2)}
            {Link(2)}

            [conclusion]
            rootname=conclusion
            {Source(3)}

            """);
    }
}
