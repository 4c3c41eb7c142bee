using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

public class KafkaConsumerGroupTests
{
    [Fact]
    public void A_component_has_one_group_per_run_named_after_both() =>
        Assert.Equal("meshaspire.action01.run-20250101-120000", KafkaConsumerGroup.For("action01", "run-20250101-120000"));

    [Fact]
    public void The_same_component_in_the_same_run_rejoins_its_group() =>
        Assert.Equal(KafkaConsumerGroup.For("action01", "run-1"), KafkaConsumerGroup.For("action01", "run-1"));

    [Fact]
    public void Another_run_or_another_component_is_another_group()
    {
        var group = KafkaConsumerGroup.For("action01", "run-1");

        Assert.NotEqual(group, KafkaConsumerGroup.For("action01", "run-2"));
        Assert.NotEqual(group, KafkaConsumerGroup.For("action02", "run-1"));
    }

    [Theory]
    [InlineData("", "run-1")]
    [InlineData("action01", "")]
    public void A_missing_part_is_refused(string component, string runId) =>
        Assert.Throws<ArgumentException>(() => KafkaConsumerGroup.For(component, runId));
}
