namespace MeshAspire.Workflow.Transports;

/// <summary>Where a transport's receiving side hands each message, stamped with its arrival time.</summary>
public interface IEnvelopeSink
{
    /// <summary>Takes the message for processing; returns at once (the echo to the caller does not wait for it).</summary>
    void Accept(Envelope envelope, long receivedNanos);
}
