namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>A consumed message as read off the socket: its envelope (null when the body was not one) and when it arrived.</summary>
public sealed record ArrivedEnvelope(Envelope? Envelope, long ReceivedNanos);
