namespace MeshAspire.Workflow.Transports;

/// <summary>What an async transport's sender and receiver need beyond the broker and the topic.</summary>
/// <param name="Component">This component's rootname: its consumer group and client name.</param>
/// <param name="RunId">The run: a receiver drops (and counts) messages left on the broker by another run.</param>
/// <param name="ConnectTimeout">How long connecting retries before it gives up.</param>
/// <param name="CallTimeout">How long a publish may stay unconfirmed, retries included, before it counts as timed out.</param>
/// <param name="PublisherConfirms">
/// Whether a publish counts as delivered only once the broker confirmed it (and is published again when the broker
/// refused or lost it), where the transport has confirms; otherwise once the client took it.
/// </param>
public sealed record TopicOptions(string Component, string RunId, TimeSpan ConnectTimeout, TimeSpan CallTimeout, bool PublisherConfirms = true);
