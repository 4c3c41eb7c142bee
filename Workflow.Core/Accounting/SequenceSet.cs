namespace MeshAspire.Workflow.Accounting;

/// <summary>Which sequence numbers have been seen: a growable bit set, one bit per sequence number.</summary>
public sealed class SequenceSet
{
    private ulong[] _bits = new ulong[1024];

    /// <summary>Marks <paramref name="sequence"/> seen; returns false if it had been seen before.</summary>
    public bool Add(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var word = (int)(sequence >> 6);
        if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        }

        var mask = 1UL << (int)(sequence & 63);
        if ((_bits[word] & mask) != 0)
        {
            return false;
        }

        _bits[word] |= mask;
        return true;
    }

    public bool Contains(long sequence)
    {
        var word = sequence >> 6;
        return sequence >= 0 && word < _bits.Length && (_bits[word] & (1UL << (int)(sequence & 63))) != 0;
    }
}
