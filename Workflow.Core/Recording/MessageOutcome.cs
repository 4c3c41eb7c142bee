namespace MeshAspire.Workflow.Recording;

/// <summary>What a component knows of one message's fate. Flags, so a row can say more than one thing.</summary>
[Flags]
public enum MessageOutcome : byte
{
    None = 0,

    /// <summary>The next hop echoed or acknowledged it.</summary>
    Acknowledged = 1,

    /// <summary>Not handed to the next hop (no connection, or rejected).</summary>
    SendFailed = 2,

    /// <summary>Written, then the connection broke or the call timed out before the answer: it may have arrived.</summary>
    Unacknowledged = 4,

    /// <summary>At the conclusion: this sequence number had arrived before.</summary>
    Duplicate = 8,
}
