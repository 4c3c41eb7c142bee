namespace MeshAspire.Workflow.Running;

/// <summary>What a component's <c>/run</c> endpoint answers: its state and counts, for the collector and for people.</summary>
public sealed record RunStatus(
    string Component,
    string Role,
    string RunId,
    RunState State,
    long Scheduled,
    long Sent,
    long Received,
    long Acknowledged,
    long SendFailed,
    long Unacknowledged,
    long Duplicates,
    long Reordered,
    long StartedNanos,
    long LastSentNanos,
    long LastReceivedNanos,
    string? Error);
