using Confluent.Kafka;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>What a delivery report, or a <c>Produce</c> that threw, means for the message.</summary>
public static class KafkaDeliveryOutcome
{
    /// <summary>Null when the broker persisted the message (with <c>acks=all</c>: every in-sync replica has it); else the failure.</summary>
    public static DeliveryFailure? Of(PersistenceStatus status, ErrorCode error) =>
        error == ErrorCode.NoError && status == PersistenceStatus.Persisted ? null : FailureOf(status, error);

    /// <summary>A message that <c>Produce</c> refused never left this process.</summary>
    public static DeliveryFailure OfRefused(ErrorCode error) => FailureOf(PersistenceStatus.NotPersisted, error);

    private static DeliveryFailure FailureOf(PersistenceStatus status, ErrorCode error) => error switch
    {
        // The local queue is full because the broker does not take messages as fast as they come: as good as no connection.
        ErrorCode.Local_QueueFull or ErrorCode.Local_PurgeQueue => DeliveryFailure.NotConnected,
        // message.timeout.ms (the call timeout) passed, retries included.
        ErrorCode.Local_MsgTimedOut or ErrorCode.RequestTimedOut => DeliveryFailure.TimedOut,
        ErrorCode.Local_PurgeInflight => DeliveryFailure.ConnectionLost,
        ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition
            or ErrorCode.Local_InvalidArg or ErrorCode.Local_BadMsg or ErrorCode.Local_ValueSerialization => DeliveryFailure.Rejected,
        // Broker error codes are positive, librdkafka's own negative; retriable ones are retried until the timeout.
        _ when (int)error > 0 => DeliveryFailure.Rejected,
        _ => status == PersistenceStatus.NotPersisted ? DeliveryFailure.NotConnected : DeliveryFailure.ConnectionLost,
    };
}
