using System.Collections.Concurrent;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Tests.Transports;

public sealed class PublishOutboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Inline_a_message_sent_while_the_outbox_is_idle_is_published_and_reported_before_Post_returns()
    {
        var outcomes = new Outcomes();
        var outbox = new PublishOutbox(outcomes);
        var publishedOn = new ConcurrentQueue<int>();
        outbox.Start((_, token) =>
        {
            publishedOn.Enqueue(Environment.CurrentManagedThreadId);
            outcomes.Acknowledged(token, 0);
            return ValueTask.CompletedTask;
        }, inline: true);

        outbox.Post(Envelope(1), 1);
        outbox.Post(Envelope(2), 2);

        Assert.Equal([(1L, (DeliveryFailure?)null), (2L, null)], outcomes.All);
        Assert.Equal([Environment.CurrentManagedThreadId, Environment.CurrentManagedThreadId], publishedOn);
        await outbox.StopAsync();
    }

    [Fact]
    public async Task Inline_messages_sent_behind_an_unfinished_publish_wait_for_it_and_keep_their_order()
    {
        var outcomes = new Outcomes();
        var outbox = new PublishOutbox(outcomes);
        var started = new ConcurrentQueue<long>();
        var firstMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.Start(async (_, token) =>
        {
            started.Enqueue(token);
            if (token == 1)
            {
                await firstMayFinish.Task;
            }

            outcomes.Acknowledged(token, 0);
        }, inline: true);

        outbox.Post(Envelope(1), 1);
        outbox.Post(Envelope(2), 2);
        outbox.Post(Envelope(3), 3);
        Assert.Equal([1L], started);

        firstMayFinish.SetResult();
        await outcomes.WaitForAsync(3).WaitAsync(Patience);
        Assert.Equal([1L, 2L, 3L], started);
        Assert.Equal([1L, 2L, 3L], outcomes.AcknowledgedTokens);

        outbox.Post(Envelope(4), 4);
        await outcomes.WaitForAsync(4).WaitAsync(Patience);
        Assert.Equal([1L, 2L, 3L, 4L], outcomes.AcknowledgedTokens);
        await outbox.StopAsync();
    }

    [Fact]
    public async Task Inline_a_publish_that_throws_is_reported_lost_and_the_next_message_still_goes()
    {
        var outcomes = new Outcomes();
        var outbox = new PublishOutbox(outcomes);
        outbox.Start((_, token) =>
        {
            if (token == 1)
            {
                throw new InvalidOperationException("the client broke");
            }

            outcomes.Acknowledged(token, 0);
            return ValueTask.CompletedTask;
        }, inline: true);

        outbox.Post(Envelope(1), 1);
        outbox.Post(Envelope(2), 2);

        Assert.Equal([(1L, (DeliveryFailure?)DeliveryFailure.ConnectionLost), (2L, null)], outcomes.All);
        await outbox.StopAsync();
    }

    [Fact]
    public async Task A_publish_still_in_progress_when_the_outbox_stops_is_reported_and_later_messages_fail_as_not_connected()
    {
        var outcomes = new Outcomes();
        var outbox = new PublishOutbox(outcomes);
        var firstMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.Start(async (_, token) =>
        {
            await firstMayFinish.Task;
            outcomes.Acknowledged(token, 0);
        }, inline: true);

        outbox.Post(Envelope(1), 1);
        var stopping = outbox.StopAsync();
        outbox.Post(Envelope(2), 2);
        firstMayFinish.SetResult();
        await stopping.AsTask().WaitAsync(Patience);

        Assert.Equal([(2L, (DeliveryFailure?)DeliveryFailure.NotConnected), (1L, null)], outcomes.All);
    }

    [Fact]
    public async Task Without_inline_messages_are_published_by_the_loop_in_the_order_sent()
    {
        var outcomes = new Outcomes();
        var outbox = new PublishOutbox(outcomes);
        outbox.Start((_, token) =>
        {
            outcomes.Acknowledged(token, 0);
            return ValueTask.CompletedTask;
        });

        for (var token = 1L; token <= 100; token++)
        {
            outbox.Post(Envelope(token), token);
        }

        await outcomes.WaitForAsync(100).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), outcomes.AcknowledgedTokens);
        await outbox.StopAsync();
    }

    private static Envelope Envelope(long sequence) => new() { Sequence = sequence };

    private sealed class Outcomes : IDeliveryObserver
    {
        private readonly ConcurrentQueue<(long Token, DeliveryFailure? Failure)> _outcomes = new();
        private readonly Lock _gate = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

        public IReadOnlyList<(long Token, DeliveryFailure? Failure)> All => [.. _outcomes];

        public IReadOnlyList<long> AcknowledgedTokens => [.. _outcomes.Where(o => o.Failure is null).Select(o => o.Token)];

        public void Acknowledged(long token, long acknowledgedNanos) => Add(token, null);

        public void Failed(long token, DeliveryFailure failure) => Add(token, failure);

        public Task WaitForAsync(int count)
        {
            lock (_gate)
            {
                if (_outcomes.Count >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task;
            }
        }

        private void Add(long token, DeliveryFailure? failure)
        {
            lock (_gate)
            {
                _outcomes.Enqueue((token, failure));
                foreach (var waiter in _waiters.Where(w => _outcomes.Count >= w.Count).ToList())
                {
                    waiter.Reached.SetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
