using MeshAspire.MetricsCollector.Results;

namespace MeshAspire.MetricsCollector.Tests;

/// <summary>A sync hop's answer is the next hop's echo, an async one's the publish: the table says which.</summary>
public sealed class SummaryTableAnswerTests
{
    [Theory]
    [InlineData("grpc", "round trip")]
    [InlineData("grpc-stream", "round trip")]
    [InlineData("tcp", "round trip")]
    [InlineData("nats", "publish")]
    [InlineData("rabbitmq", "publish")]
    [InlineData("jetstream", "publish")]
    [InlineData("kafka", "publish")]
    [InlineData("eventmesh", "publish")]
    public void A_hop_answer_is_named_by_its_transport(string transport, string answer) =>
        Assert.Equal(answer, SummaryTable.AnswerOf(transport));
}
