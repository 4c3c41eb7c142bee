using Confluent.Kafka;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

public class KafkaDeliveryOutcomeTests
{
    [Fact]
    public void A_persisted_record_without_error_is_acknowledged() =>
        Assert.Null(KafkaDeliveryOutcome.Of(PersistenceStatus.Persisted, ErrorCode.NoError));

    [Theory]
    [InlineData(PersistenceStatus.PossiblyPersisted, ErrorCode.Local_MsgTimedOut, DeliveryFailure.TimedOut)]
    [InlineData(PersistenceStatus.NotPersisted, ErrorCode.Local_MsgTimedOut, DeliveryFailure.TimedOut)]
    [InlineData(PersistenceStatus.NotPersisted, ErrorCode.Local_PurgeQueue, DeliveryFailure.NotConnected)]
    [InlineData(PersistenceStatus.PossiblyPersisted, ErrorCode.Local_PurgeInflight, DeliveryFailure.ConnectionLost)]
    [InlineData(PersistenceStatus.NotPersisted, ErrorCode.MsgSizeTooLarge, DeliveryFailure.Rejected)]
    [InlineData(PersistenceStatus.NotPersisted, ErrorCode.TopicAuthorizationFailed, DeliveryFailure.Rejected)]
    [InlineData(PersistenceStatus.NotPersisted, ErrorCode.Local_UnknownTopic, DeliveryFailure.Rejected)]
    [InlineData(PersistenceStatus.PossiblyPersisted, ErrorCode.Local_Transport, DeliveryFailure.ConnectionLost)]
    [InlineData(PersistenceStatus.NotPersisted, ErrorCode.Local_AllBrokersDown, DeliveryFailure.NotConnected)]
    [InlineData(PersistenceStatus.PossiblyPersisted, ErrorCode.Local_Fatal, DeliveryFailure.ConnectionLost)]
    [InlineData(PersistenceStatus.PossiblyPersisted, ErrorCode.NoError, DeliveryFailure.ConnectionLost)]
    public void A_report_with_an_error_or_without_persistence_is_a_failure(PersistenceStatus status, ErrorCode error, DeliveryFailure expected) =>
        Assert.Equal(expected, KafkaDeliveryOutcome.Of(status, error));

    [Theory]
    [InlineData(ErrorCode.Local_QueueFull, DeliveryFailure.NotConnected)]
    [InlineData(ErrorCode.MsgSizeTooLarge, DeliveryFailure.Rejected)]
    [InlineData(ErrorCode.Local_Fatal, DeliveryFailure.NotConnected)]
    public void A_record_that_produce_refused_never_left(ErrorCode error, DeliveryFailure expected) =>
        Assert.Equal(expected, KafkaDeliveryOutcome.OfRefused(error));
}
