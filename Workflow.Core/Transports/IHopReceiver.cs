namespace MeshAspire.Workflow.Transports;

/// <summary>
/// The receiving side of an async hop: consumes this component's topic from the broker and hands every message,
/// stamped on arrival, to its <see cref="IEnvelopeSink"/>. A message the broker wants acknowledged is acknowledged
/// once the sink has it.
/// </summary>
public interface IHopReceiver : IAsyncDisposable
{
    /// <summary>The topic and broker, as shown in messages.</summary>
    string Source { get; }

    /// <summary>
    /// Connects, retrying with backoff until the broker answers or the connect timeout passes (then throws
    /// <see cref="HopUnreachableException"/>), and subscribes; once it returns, messages published to the topic arrive.
    /// </summary>
    Task StartAsync(CancellationToken cancellationToken);
}
