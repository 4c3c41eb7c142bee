namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>A consumed message as read off the socket: its envelope (null when the body was not one) and when it arrived. A struct: one per message.</summary>
public readonly record struct ArrivedEnvelope(Envelope? Envelope, long ReceivedNanos);
