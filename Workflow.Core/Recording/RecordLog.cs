namespace MeshAspire.Workflow.Recording;

/// <summary>
/// Append-only, chunked storage of <see cref="MessageRecord"/>s with fixed-width upstream stamps beside
/// each row. One thread appends; other threads may update rows already appended (acknowledgements).
/// Chunks are never moved, so a row's reference stays valid, and no access takes a lock.
/// </summary>
public sealed class RecordLog
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private const int MaxChunks = 1 << 16;

    private readonly MessageRecord[]?[] _chunks = new MessageRecord[]?[MaxChunks];
    private readonly long[]?[] _stampChunks;
    private long _count;

    /// <param name="stampsPerRecord">Longs kept beside each row (the conclusion: received and sent of every action).</param>
    public RecordLog(int stampsPerRecord = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stampsPerRecord);
        StampsPerRecord = stampsPerRecord;
        _stampChunks = stampsPerRecord > 0 ? new long[]?[MaxChunks] : [];
    }

    public int StampsPerRecord { get; }

    /// <summary>The most rows a log can hold (about a billion).</summary>
    public static long Capacity => (long)MaxChunks * ChunkSize;

    public long Count => Volatile.Read(ref _count);

    /// <summary>Reserves the next row and returns its index; fill it through <see cref="this[long]"/>.</summary>
    public long Append()
    {
        var index = _count;
        if (index == Capacity)
        {
            throw new InvalidOperationException($"a record log holds at most {Capacity} rows");
        }

        var chunk = (int)(index >> ChunkBits);
        if (_chunks[chunk] is null)
        {
            if (StampsPerRecord > 0)
            {
                Volatile.Write(ref _stampChunks[chunk], new long[ChunkSize * StampsPerRecord]);
            }

            Volatile.Write(ref _chunks[chunk], new MessageRecord[ChunkSize]);
        }

        Volatile.Write(ref _count, index + 1);
        return index;
    }

    /// <summary>Makes room for rows up to <paramref name="count"/> so that indexes below it can be filled directly.</summary>
    public void Reserve(long count)
    {
        while (_count < count)
        {
            Append();
        }
    }

    public ref MessageRecord this[long index] => ref _chunks[index >> ChunkBits]![index & ChunkMask];

    public Span<long> StampsOf(long index) =>
        StampsPerRecord == 0
            ? []
            : _stampChunks[index >> ChunkBits].AsSpan((int)(index & ChunkMask) * StampsPerRecord, StampsPerRecord);
}
