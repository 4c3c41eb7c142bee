namespace MeshAspire.Workflow.Accounting;

/// <summary>
/// What a run measured, warm-up left out. Counts are exact (from sequence numbers); latencies are the percentile
/// spectrum of histograms merged across repetitions by adding.
/// </summary>
public sealed record RunSummary
{
    public required string RunId { get; init; }

    public required string Scenario { get; init; }

    public required string Transport { get; init; }

    public required string Mesh { get; init; }

    public required string Pacing { get; init; }

    public required int PayloadBytes { get; init; }

    /// <summary>False when the run could not be measured (the trigger never ran, the conclusion's records were lost).</summary>
    public required bool Completed { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public required MessageCounts Messages { get; init; }

    public required RateSummary Rate { get; init; }

    public required LatencySummary EndToEnd { get; init; }

    public required LatencySummary GeneratorLag { get; init; }

    /// <summary>
    /// With <c>reply.topic</c>: the conclusion's reply at the trigger - intended send time, on the trigger's clock
    /// alone (no clock offset enters it); its count is how many messages were replied to. Null without replies.
    /// </summary>
    public LatencySummary? Reply { get; init; }

    /// <summary>Every component after the trigger, in chain order.</summary>
    public required IReadOnlyList<HopSummary> Hops { get; init; }

    /// <summary>Every component's clock against the collector's, in chain order; empty when clocks were not measured.</summary>
    public IReadOnlyList<ClockSummary> Clocks { get; init; } = [];

    /// <summary>
    /// How far end-to-end latencies may be off through the clocks: the trigger's bound plus the conclusion's. Null when
    /// clocks were not measured, or either of those two was not.
    /// </summary>
    public double? EndToEndErrorBoundMs { get; init; }

    public required IReadOnlyList<RepetitionSummary> Repetitions { get; init; }

    /// <summary>What a reader must know to trust the numbers: missing records, negative latencies, timeouts.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}

/// <param name="Scheduled">Messages the schedule called for.</param>
/// <param name="Sent">Messages the trigger sent.</param>
/// <param name="SendFailed">Messages the trigger could not hand to the first hop.</param>
/// <param name="Received">Distinct messages that reached the conclusion.</param>
/// <param name="Lost">Sent and never received by the end of the drain.</param>
/// <param name="Duplicates">Arrivals at the conclusion of a sequence number already received.</param>
/// <param name="Reordered">First arrivals with a sequence number lower than one received before.</param>
public sealed record MessageCounts(long Scheduled, long Sent, long SendFailed, long Received, long Lost, long Duplicates, long Reordered);

/// <param name="Target">Scheduled messages per second of schedule.</param>
/// <param name="Achieved">Messages the trigger sent per second, from its first to its last send.</param>
/// <param name="Delivered">Messages received per second, from the first to the last arrival.</param>
public sealed record RateSummary(double Target, double Achieved, double Delivered);

/// <summary>One component after the trigger, as its caller and it saw the messages.</summary>
/// <param name="Received">Distinct messages it received, or null when its records are unavailable.</param>
/// <param name="LostBefore">Messages its caller handed on that it never received, when both records are at hand.</param>
/// <param name="ServiceTime">Its send (or done) minus its receive: queueing and processing, on its clock.</param>
/// <param name="RoundTrip">Its caller's send to its echo or acknowledgement, on the caller's clock.</param>
/// <param name="Transit">Its receive minus its caller's send (two clocks, each moved to the collector's), for delivered messages.</param>
/// <param name="TransitErrorBoundMs">How far the transit may be off through the clocks: its caller's bound plus its own.</param>
public sealed record HopSummary(
    string Component,
    string Role,
    string Caller,
    long? Received,
    long? LostBefore,
    LatencySummary ServiceTime,
    LatencySummary RoundTrip,
    LatencySummary Transit,
    double? TransitErrorBoundMs = null);

public sealed record RepetitionSummary(int Repetition, long Sent, long Received, long Lost, LatencySummary EndToEnd);
