namespace MeshAspire.Workflow.Transports;

/// <summary>Told what became of each message given to an <see cref="IHopSender"/>.</summary>
public interface IDeliveryObserver
{
    /// <summary>The next hop echoed or acknowledged the message identified by <paramref name="token"/>.</summary>
    void Acknowledged(long token, long acknowledgedNanos);

    /// <summary>The message identified by <paramref name="token"/> could not be handed to the next hop, or its fate is unknown.</summary>
    void Failed(long token, DeliveryFailure failure);
}
