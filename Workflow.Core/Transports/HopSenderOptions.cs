namespace MeshAspire.Workflow.Transports;

/// <param name="ConnectTimeout">How long <see cref="IHopSender.ConnectAsync"/> retries before it gives up.</param>
/// <param name="CallTimeout">How long one message may wait for its acknowledgement before it counts as timed out.</param>
public sealed record HopSenderOptions(TimeSpan ConnectTimeout, TimeSpan CallTimeout);
