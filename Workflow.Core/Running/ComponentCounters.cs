namespace MeshAspire.Workflow.Running;

/// <summary>Live counts of one component, updated without locks from any thread.</summary>
public sealed class ComponentCounters
{
    private long _sent;
    private long _received;
    private long _acknowledged;
    private long _sendFailed;
    private long _unacknowledged;
    private long _duplicates;
    private long _reordered;

    /// <summary>Messages this component handed to its next hop (trigger and actions).</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Messages received (actions and conclusion); at the conclusion, distinct sequence numbers only.</summary>
    public long Received => Volatile.Read(ref _received);

    public long Acknowledged => Volatile.Read(ref _acknowledged);

    public long SendFailed => Volatile.Read(ref _sendFailed);

    public long Unacknowledged => Volatile.Read(ref _unacknowledged);

    public long Duplicates => Volatile.Read(ref _duplicates);

    public long Reordered => Volatile.Read(ref _reordered);

    /// <summary>Sent and not yet acknowledged, failed or given up on.</summary>
    public long Outstanding => Sent - Acknowledged - SendFailed - Unacknowledged;

    public void AddSent()
    {
        Interlocked.Increment(ref _sent);
        WorkflowMetrics.Sent.Add(1);
    }

    public void AddReceived()
    {
        Interlocked.Increment(ref _received);
        WorkflowMetrics.Received.Add(1);
    }

    public void AddAcknowledged()
    {
        Interlocked.Increment(ref _acknowledged);
        WorkflowMetrics.Acknowledged.Add(1);
    }

    /// <summary>
    /// Counts a message the next hop never acknowledged: as send-failed when it was not handed over at all (not
    /// connected, refused), else as of unknown fate. True when it counted as send-failed.
    /// </summary>
    public bool AddFailure(Transports.DeliveryFailure failure)
    {
        if (failure is Transports.DeliveryFailure.NotConnected or Transports.DeliveryFailure.Rejected)
        {
            AddSendFailed();
            return true;
        }

        AddUnacknowledged();
        return false;
    }

    public void AddSendFailed()
    {
        Interlocked.Increment(ref _sendFailed);
        WorkflowMetrics.Failed.Add(1, new KeyValuePair<string, object?>("reason", "send-failed"));
    }

    public void AddUnacknowledged()
    {
        Interlocked.Increment(ref _unacknowledged);
        WorkflowMetrics.Failed.Add(1, new KeyValuePair<string, object?>("reason", "unacknowledged"));
    }

    public void AddDuplicate()
    {
        Interlocked.Increment(ref _duplicates);
        WorkflowMetrics.Duplicates.Add(1);
    }

    public void AddReordered()
    {
        Interlocked.Increment(ref _reordered);
        WorkflowMetrics.Reordered.Add(1);
    }
}
