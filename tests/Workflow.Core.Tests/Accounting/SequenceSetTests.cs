using MeshAspire.Workflow.Accounting;

namespace MeshAspire.Workflow.Tests.Accounting;

public class SequenceSetTests
{
    [Fact]
    public void Add_is_true_the_first_time_only()
    {
        var set = new SequenceSet();

        Assert.True(set.Add(42));
        Assert.False(set.Add(42));
        Assert.True(set.Contains(42));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65_535)]
    public void Each_sequence_is_its_own_bit(long sequence)
    {
        var set = new SequenceSet();

        set.Add(sequence);

        Assert.True(set.Contains(sequence));
        Assert.False(set.Contains(sequence - 1));
        Assert.False(set.Contains(sequence + 1));
        Assert.True(set.Add(sequence + 1));
    }

    [Fact]
    public void Contains_is_false_for_what_was_never_added()
    {
        var set = new SequenceSet();

        Assert.False(set.Contains(0));
        Assert.False(set.Contains(-1));
        Assert.False(set.Contains(long.MinValue));
        Assert.False(set.Contains(10_000_000_000));
    }

    [Fact]
    public void Grows_far_beyond_its_initial_size_and_keeps_what_it_had()
    {
        var set = new SequenceSet();
        long[] early = [0, 1, 63, 64, 65_535];
        foreach (var sequence in early)
        {
            set.Add(sequence);
        }

        Assert.True(set.Add(65_536));
        Assert.True(set.Add(20_000_000));
        Assert.True(set.Add(1_000_000));

        Assert.All(early, sequence => Assert.True(set.Contains(sequence)));
        Assert.All(early, sequence => Assert.False(set.Add(sequence)));
        Assert.True(set.Contains(65_536));
        Assert.True(set.Contains(20_000_000));
        Assert.True(set.Contains(1_000_000));
        Assert.False(set.Add(20_000_000));
        Assert.False(set.Contains(19_999_999));
        Assert.False(set.Contains(65_537));
    }

    [Fact]
    public void Every_one_of_many_sequences_is_seen_once()
    {
        var set = new SequenceSet();
        for (long sequence = 0; sequence < 300_000; sequence += 3)
        {
            Assert.True(set.Add(sequence));
        }

        for (long sequence = 0; sequence < 300_000; sequence++)
        {
            Assert.Equal(sequence % 3 == 0, set.Contains(sequence));
        }
    }

    [Fact]
    public void A_negative_sequence_is_rejected()
    {
        var set = new SequenceSet();

        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(long.MinValue));
    }
}
