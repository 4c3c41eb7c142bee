using MeshAspire.Workflow.Transports.RabbitMq;

namespace MeshAspire.Workflow.Tests.Transports;

public sealed class PublishConfirmationsTests
{
    private readonly PublishConfirmations _confirmations = new();
    private readonly List<PendingPublish> _settled = [];
    private readonly List<PendingPublish> _again = [];

    [Fact]
    public void A_confirm_settles_its_publish_only()
    {
        var publishes = TrackSequences(1, 2, 3);

        _confirmations.Settle(2, multiple: false, confirmed: true, _settled, _again);

        Assert.Equal([publishes[1]], _settled);
        Assert.Empty(_again);
        Assert.Equal(2, _confirmations.Count);
    }

    [Fact]
    public void A_multiple_confirm_settles_every_publish_up_to_its_tag()
    {
        var publishes = TrackSequences(1, 2, 3, 4);
        _confirmations.Settle(2, multiple: false, confirmed: true, _settled, _again);

        _confirmations.Settle(3, multiple: true, confirmed: true, _settled, _again);

        Assert.Equal([publishes[1], publishes[0], publishes[2]], _settled);
        Assert.Equal(1, _confirmations.Count);
    }

    [Fact]
    public void A_nack_hands_the_publishes_back()
    {
        var publishes = TrackSequences(1, 2, 3);

        _confirmations.Settle(2, multiple: true, confirmed: false, _settled, _again);

        Assert.Empty(_settled);
        Assert.Equal([publishes[0], publishes[1]], _again);
    }

    [Fact]
    public void A_returned_message_is_handed_back_when_its_confirm_comes()
    {
        var publishes = TrackSequences(1, 2);

        _confirmations.Returned(publishes[0].Token);
        _confirmations.Settle(2, multiple: true, confirmed: true, _settled, _again);

        Assert.Equal([publishes[1]], _settled);
        Assert.Equal([publishes[0]], _again);
    }

    [Fact]
    public void A_lost_channel_hands_back_every_unconfirmed_publish_once()
    {
        var publishes = TrackSequences(1, 2, 3);
        _confirmations.Settle(1, multiple: false, confirmed: true, _settled, _again);

        _confirmations.ChannelLost(_again);
        _confirmations.Settle(3, multiple: true, confirmed: true, _settled, _again);

        Assert.Equal([publishes[0]], _settled);
        Assert.Equal([publishes[1], publishes[2]], _again.OrderBy(p => p.Token));
        Assert.Equal(0, _confirmations.Count);
    }

    [Fact]
    public void A_number_read_before_the_channel_was_lost_is_refused()
    {
        var generation = _confirmations.Generation;
        _confirmations.ChannelLost(_again);

        Assert.False(_confirmations.Track(generation, 1, Publish(1)));
        Assert.True(_confirmations.Track(_confirmations.Generation, 1, Publish(1)));
    }

    [Fact]
    public void Numbers_start_again_on_a_new_channel()
    {
        TrackSequences(1, 2, 3);
        _confirmations.Settle(3, multiple: true, confirmed: true, _settled, _again);
        _confirmations.ChannelLost(_again);
        _settled.Clear();
        var again = TrackSequences(1, 2);

        _confirmations.Settle(1, multiple: true, confirmed: true, _settled, _again);

        Assert.Equal([again[0]], _settled);
    }

    [Fact]
    public void A_publish_that_failed_is_untracked_by_whoever_comes_first()
    {
        var publish = TrackSequences(1)[0];

        _confirmations.ChannelLost(_again);

        Assert.False(_confirmations.Untrack(1, publish));
        Assert.Equal([publish], _again);
    }

    [Fact]
    public void A_publish_that_failed_before_the_broker_saw_it_leaves_its_number_to_the_next()
    {
        var failed = TrackSequences(1)[0];

        Assert.True(_confirmations.Untrack(1, failed));
        var next = TrackSequences(1)[0];
        _confirmations.Settle(1, multiple: false, confirmed: true, _settled, _again);

        Assert.Equal([next], _settled);
        Assert.False(_confirmations.Untrack(1, failed));
    }

    [Fact]
    public void A_number_already_tracked_is_refused()
    {
        TrackSequences(1);

        Assert.False(_confirmations.Track(_confirmations.Generation, 1, Publish(99)));
    }

    private PendingPublish[] TrackSequences(params ulong[] sequences)
    {
        var publishes = sequences.Select(s => Publish(1000 + (long)s)).ToArray();
        for (var i = 0; i < sequences.Length; i++)
        {
            Assert.True(_confirmations.Track(_confirmations.Generation, sequences[i], publishes[i]));
        }

        return publishes;
    }

    private static PendingPublish Publish(long token) => new(token, [1, 2, 3], firstAttemptTimestamp: 0);
}
