namespace MeshAspire.Workflow.Transports;

public enum DeliveryFailure
{
    /// <summary>No connection to the next hop when the message was due: it was not sent.</summary>
    NotConnected,

    /// <summary>The connection broke after the message was written and before its echo: it may or may not have arrived.</summary>
    ConnectionLost,

    /// <summary>The next hop answered with an error.</summary>
    Rejected,

    /// <summary>No answer within the call deadline.</summary>
    TimedOut,
}
