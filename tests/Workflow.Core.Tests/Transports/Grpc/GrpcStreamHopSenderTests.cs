using MeshAspire.Workflow.Chain.Tests;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Grpc;

namespace MeshAspire.Workflow.Tests.Transports.Grpc;

/// <summary>The grpc-stream sender against a real Kestrel serving <see cref="HopService"/> on loopback.</summary>
public sealed class GrpcStreamHopSenderTests
{
    private const int Timeout = 60_000;
    private static readonly HopSenderOptions Options = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    [Fact(Timeout = Timeout)]
    public async Task Messages_arrive_and_are_acknowledged_in_the_order_sent()
    {
        var port = FreePort.Next();
        await using var server = await HopServer.StartAsync(port);
        var outcomes = new DeliveryOutcomes();
        await using var sender = new GrpcStreamHopSender(HopServer.AddressOf(port), outcomes, Options);
        await sender.ConnectAsync(CancellationToken.None);

        for (long i = 0; i < 2_000; i++)
        {
            sender.Send(Message(i), token: 1_000 + i);
        }

        await Poll.UntilAsync(() => outcomes.All.Count == 2_000, "every message has an outcome");
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => (long)i), server.Accepted);
        Assert.Equal(Enumerable.Range(1_000, 2_000).Select(i => (long)i), outcomes.Acknowledged);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_hop_that_stops_fails_what_it_did_not_ack_as_connection_lost_and_later_messages_as_not_connected()
    {
        var port = FreePort.Next();
        var server = await HopServer.StartAsync(port, holdFrom: 5);
        var outcomes = new DeliveryOutcomes();
        await using var sender = new GrpcStreamHopSender(HopServer.AddressOf(port), outcomes, Options);
        await sender.ConnectAsync(CancellationToken.None);
        for (long i = 0; i < 10; i++)
        {
            sender.Send(Message(i), i);
        }

        await Poll.UntilAsync(() => outcomes.Acknowledged.Count == 5 && server.Accepted.Count == 6, "0..4 are acked and 5 is held");
        var stopping = server.StopAsync();
        await Poll.UntilAsync(() => server.IsStopping, "the hop is stopping");
        server.Release();
        await stopping;
        await server.DisposeAsync();

        await Poll.UntilAsync(() => outcomes.All.Count == 10, "every message has an outcome");
        Assert.Equal([0L, 1, 2, 3, 4], outcomes.Acknowledged);
        Assert.Equal([5L, 6, 7, 8, 9], outcomes.Failures.Select(f => f.Token).Order());
        Assert.All(outcomes.Failures, f => Assert.Equal(DeliveryFailure.ConnectionLost, f.Failure));

        sender.Send(Message(10), 10);
        Assert.Equal((10L, DeliveryFailure.NotConnected), outcomes.Failures[^1]);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_stream_is_reopened_once_the_hop_answers_again()
    {
        var port = FreePort.Next();
        var first = await HopServer.StartAsync(port);
        var outcomes = new DeliveryOutcomes();
        await using var sender = new GrpcStreamHopSender(HopServer.AddressOf(port), outcomes, Options);
        await sender.ConnectAsync(CancellationToken.None);
        sender.Send(Message(0), 0);
        await Poll.UntilAsync(() => outcomes.Acknowledged.Count == 1, "the first message is acked");
        await first.DisposeAsync();

        await using var second = await HopServer.StartAsync(port);
        long next = 1;
        await Poll.UntilAsync(
            () =>
            {
                sender.Send(Message(next), next);
                next++;
                return second.Accepted.Count > 0;
            },
            "a message reaches the restarted hop");
        await Poll.UntilAsync(() => outcomes.All.Count == next, "every message has an outcome");

        Assert.Equal(Enumerable.Range(0, (int)next).Select(i => (long)i), outcomes.All.Select(o => o.Token).Order());
        Assert.All(outcomes.Failures, f => Assert.Equal(DeliveryFailure.NotConnected, f.Failure));
        Assert.Equal(second.Accepted, outcomes.Acknowledged.Skip(1));
    }

    [Fact(Timeout = Timeout)]
    public async Task A_sender_that_never_connected_fails_messages_as_not_connected()
    {
        var outcomes = new DeliveryOutcomes();
        await using var sender = new GrpcStreamHopSender(
            HopServer.AddressOf(FreePort.Next()), outcomes, Options with { ConnectTimeout = TimeSpan.FromMilliseconds(300) });

        await Assert.ThrowsAsync<HopUnreachableException>(() => sender.ConnectAsync(CancellationToken.None));
        sender.Send(Message(7), 7);

        Assert.Equal([(7L, DeliveryFailure.NotConnected)], outcomes.Failures);
    }

    [Fact(Timeout = Timeout)]
    public async Task Disposing_the_sender_fails_the_messages_still_awaiting_their_ack()
    {
        var port = FreePort.Next();
        await using var server = await HopServer.StartAsync(port, holdFrom: 0);
        var outcomes = new DeliveryOutcomes();
        var sender = new GrpcStreamHopSender(HopServer.AddressOf(port), outcomes, Options);
        await sender.ConnectAsync(CancellationToken.None);
        for (long i = 0; i < 3; i++)
        {
            sender.Send(Message(i), i);
        }

        await Poll.UntilAsync(() => server.Accepted.Count == 1, "the hop holds the first message");
        await sender.DisposeAsync();

        Assert.Equal([0L, 1, 2], outcomes.Failures.Select(f => f.Token).Order());
        Assert.All(outcomes.Failures, f => Assert.Equal(DeliveryFailure.ConnectionLost, f.Failure));
        Assert.Empty(outcomes.Acknowledged);
    }

    private static Envelope Message(long sequence) => new() { RunId = "run-1", Sequence = sequence, Repetition = 1 };
}
