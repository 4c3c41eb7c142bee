namespace MeshAspire.Workflow.Running;

/// <summary>
/// Bounds how many messages a sender keeps unanswered. Entering blocks the (dedicated) sending thread at the
/// limit; every answer or failure leaves.
/// </summary>
public sealed class InFlightLimit(int limit)
{
    private readonly SemaphoreSlim _slots = new(limit, limit);

    public int Limit { get; } = limit;

    /// <summary>Takes a slot, waiting for one at the limit; false when cancelled first.</summary>
    public bool Enter(CancellationToken cancellationToken)
    {
        try
        {
            _slots.Wait(cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Leave() => _slots.Release();
}
