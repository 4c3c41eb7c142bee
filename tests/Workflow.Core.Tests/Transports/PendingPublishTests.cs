using System.Diagnostics;
using MeshAspire.Workflow.Transports.RabbitMq;
using RabbitMQ.Client;

namespace MeshAspire.Workflow.Tests.Transports;

public sealed class PendingPublishTests
{
    [Fact]
    public void A_publish_is_persistent_and_named_by_its_token()
    {
        var publish = new PendingPublish(42, [7], firstAttemptTimestamp: 0);

        Assert.Equal(DeliveryModes.Persistent, publish.Properties.DeliveryMode);
        Assert.Equal(42, PendingPublish.TokenOf(publish.Properties));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("someone else's")]
    public void A_returned_message_without_our_message_id_has_no_token(string? messageId)
    {
        Assert.Null(PendingPublish.TokenOf(new BasicProperties { MessageId = messageId }));
    }

    [Fact]
    public void It_expires_once_the_call_timeout_has_passed_since_its_first_attempt()
    {
        var first = Stopwatch.GetTimestamp();
        var publish = new PendingPublish(1, [], first);
        var timeout = TimeSpan.FromSeconds(30);

        Assert.False(publish.HasExpired(first + (Stopwatch.Frequency * 29), timeout));
        Assert.True(publish.HasExpired(first + (Stopwatch.Frequency * 30), timeout));
    }

    [Fact]
    public void Retries_back_off_from_50_ms_doubling_up_to_2_s()
    {
        var publish = new PendingPublish(1, [], 0);

        var delays = Enumerable.Range(0, 8).Select(_ => publish.NextRetryDelay().TotalMilliseconds).ToArray();

        Assert.Equal([50, 100, 200, 400, 800, 1600, 2000, 2000], delays);
    }
}
