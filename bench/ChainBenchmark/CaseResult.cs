using MeshAspire.Workflow.Accounting;

namespace MeshAspire.Bench;

/// <summary>
/// What one case measured, warm-up left out. <see cref="Latency"/> is the chain's end-to-end latency (from the
/// intended send time) or the floor's round trip (from the actual send); <see cref="Usage"/> is per process.
/// </summary>
public sealed record CaseResult
{
    public required CaseKind Kind { get; init; }

    public required int Rate { get; init; }

    public required TimeSpan Duration { get; init; }

    public long Sent { get; init; }

    public long Received { get; init; }

    public long Lost { get; init; }

    /// <summary>Messages sent per second, from the first to the last measured send.</summary>
    public double AchievedRate { get; init; }

    public LatencySummary GeneratorLag { get; init; } = LatencySummary.Empty;

    public LatencySummary Latency { get; init; } = LatencySummary.Empty;

    public IReadOnlyList<ProcessUsage> Usage { get; init; } = [];

    /// <summary>Seconds of the CPU window (warm-up and measured sending).</summary>
    public double CpuWindowSeconds { get; init; }

    /// <summary>Cores the whole machine kept busy in the second before the case started: near 0 on a quiet machine.</summary>
    public double MachineCoresBefore { get; init; } = double.NaN;

    /// <summary>Cores the whole machine kept busy in the CPU window, this case's processes and any other.</summary>
    public double MachineCoresDuring { get; init; } = double.NaN;

    /// <summary>What a reader must know: the collector's notes, a child that died, the floor's latency from the intended time.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The collector's own summary table (per hop), for a chain case.</summary>
    public string? Details { get; init; }

    /// <summary>Why the case could not be measured; null when it was.</summary>
    public string? Error { get; init; }

    public double AchievedPercent => Rate > 0 ? AchievedRate / Rate * 100 : 0;

    public static CaseResult Failed(CaseKind kind, int rate, TimeSpan duration, string error) =>
        new() { Kind = kind, Rate = rate, Duration = duration, Error = error };
}
