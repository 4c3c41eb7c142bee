using Confluent.Kafka;
using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

public class KafkaStartOffsetsTests
{
    [Fact]
    public void A_partition_with_a_committed_offset_resumes_there_without_asking_for_its_end() =>
        Assert.Equal(new Offset(42), KafkaStartOffsets.StartOf(new Offset(42), () => throw new InvalidOperationException("not needed")));

    [Fact]
    public void A_partition_of_a_new_group_starts_at_its_end() =>
        Assert.Equal(new Offset(1_000), KafkaStartOffsets.StartOf(Offset.Unset, () => new Offset(1_000)));

    [Fact]
    public void A_partition_whose_end_is_unknown_starts_at_the_beginning() =>
        Assert.Equal(Offset.Beginning, KafkaStartOffsets.StartOf(Offset.Unset, () => null));
}
