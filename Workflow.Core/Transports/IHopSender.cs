namespace MeshAspire.Workflow.Transports;

/// <summary>
/// The sending side of one hop: from a component to the next. Sending never waits for the next hop's
/// answer (open loop); the answer, or the failure, reaches the <see cref="IDeliveryObserver"/>.
/// </summary>
public interface IHopSender : IAsyncDisposable
{
    /// <summary>The next hop as shown in messages: its name and address.</summary>
    string Target { get; }

    /// <summary>
    /// Retries reaching the next hop with backoff until it answers, or throws <see cref="HopUnreachableException"/>
    /// after the connect timeout.
    /// </summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Hands the message to the transport. Called from one thread at a time.</summary>
    void Send(Envelope envelope, long token);
}
