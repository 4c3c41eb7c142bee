using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Tests.Recording;

public class RecordLogTests
{
    /// <summary>Rows per chunk in <see cref="RecordLog"/>.</summary>
    private const int ChunkSize = 16_384;

    [Fact]
    public void A_new_log_is_empty()
    {
        var log = new RecordLog();

        Assert.Equal(0, log.Count);
        Assert.Equal(0, log.StampsPerRecord);
        Assert.Equal(1L << 30, RecordLog.Capacity);
    }

    [Fact]
    public void Append_numbers_rows_and_keeps_them_across_chunk_boundaries()
    {
        var log = new RecordLog();
        const int rows = (2 * ChunkSize) + 100;
        for (long i = 0; i < rows; i++)
        {
            Assert.Equal(i, log.Append());
            ref var row = ref log[i];
            row.Sequence = i;
            row.IntendedNanos = i * 3;
            row.Repetition = (int)(i % 7);
        }

        Assert.Equal(rows, log.Count);
        for (long i = 0; i < rows; i++)
        {
            Assert.Equal(i, log[i].Sequence);
            Assert.Equal(i * 3, log[i].IntendedNanos);
            Assert.Equal((int)(i % 7), log[i].Repetition);
        }
    }

    [Fact]
    public void A_new_row_is_zeroed()
    {
        var log = new RecordLog(stampsPerRecord: 2);

        var index = log.Append();

        Assert.Equal(default, log[index]);
        Assert.Equal([0L, 0L], log.StampsOf(index).ToArray());
    }

    [Fact]
    public void Each_row_has_its_own_stamps()
    {
        const int width = 4;
        var log = new RecordLog(width);
        const int rows = ChunkSize + 10;
        for (long i = 0; i < rows; i++)
        {
            var stamps = log.StampsOf(log.Append());
            Assert.Equal(width, stamps.Length);
            for (var s = 0; s < width; s++)
            {
                stamps[s] = (i * 10) + s;
            }
        }

        Assert.Equal(width, log.StampsPerRecord);
        foreach (long i in (long[])[0, 1, ChunkSize - 1, ChunkSize, ChunkSize + 1, rows - 1])
        {
            Assert.Equal([i * 10, (i * 10) + 1, (i * 10) + 2, (i * 10) + 3], log.StampsOf(i).ToArray());
        }
    }

    [Fact]
    public void Stamps_are_beside_the_row_not_in_it()
    {
        var log = new RecordLog(2);
        var index = log.Append();

        log.StampsOf(index)[0] = 11;
        log.StampsOf(index)[1] = 12;
        log[index].Sequence = 5;

        Assert.Equal(5, log[index].Sequence);
        Assert.Equal([11L, 12L], log.StampsOf(index).ToArray());
    }

    [Fact]
    public void A_log_without_stamps_gives_empty_stamps()
    {
        var log = new RecordLog();
        var index = log.Append();

        Assert.Equal(0, log.StampsOf(index).Length);
    }

    [Fact]
    public void A_negative_stamp_width_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordLog(-1));
    }

    [Fact]
    public void Reserve_makes_rows_up_to_a_count_and_never_shrinks()
    {
        var log = new RecordLog(1);

        log.Reserve(ChunkSize + 5);
        ref var last = ref log[ChunkSize + 4];
        last.Sequence = 99;
        log.StampsOf(ChunkSize + 4)[0] = 7;
        log.Reserve(3);

        Assert.Equal(ChunkSize + 5, log.Count);
        Assert.Equal(99, log[ChunkSize + 4].Sequence);
        Assert.Equal(7, log.StampsOf(ChunkSize + 4)[0]);
        Assert.Equal(default, log[ChunkSize]);
        Assert.Equal(ChunkSize + 5, log.Append());
    }

    [Fact]
    public void The_indexer_returns_a_reference_that_stays_valid_while_the_log_grows()
    {
        var log = new RecordLog();
        var index = log.Append();
        ref var row = ref log[index];
        row.Sequence = 1;

        for (var i = 0; i < 3 * ChunkSize; i++)
        {
            log.Append();
        }

        row.AcknowledgedNanos = 123;
        row.Outcome |= MessageOutcome.Acknowledged;

        Assert.Equal(1, log[index].Sequence);
        Assert.Equal(123, log[index].AcknowledgedNanos);
        Assert.Equal(MessageOutcome.Acknowledged, log[index].Outcome);
        Assert.Equal(0, log[index + 1].AcknowledgedNanos);
    }
}
