namespace MeshAspire.Workflow.Transports.RabbitMq;

/// <summary>
/// The publishes a channel has not confirmed yet, by the channel's publish sequence number. A confirm settles a
/// publish; a nack, a return (the broker confirms a returned message right after returning it) or the loss of the
/// channel hands it back to be published again. Each publish leaves exactly once. Sequence numbers start again at 1
/// on every new channel, so the loss of one begins a new generation, and a publish numbered in an older generation
/// is refused.
/// </summary>
internal sealed class PublishConfirmations
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, PendingPublish> _unconfirmed = [];
    private readonly HashSet<long> _returned = [];

    // No publish below it is unconfirmed: a multiple confirm settles from here up to its tag.
    private ulong _lowest = 1;
    private int _generation;

    public int Generation => Volatile.Read(ref _generation);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _unconfirmed.Count;
            }
        }
    }

    /// <summary>
    /// Starts tracking a publish about to be sent with <paramref name="sequence"/>; false when the channel was lost
    /// since <paramref name="generation"/> was read (the number belongs to a dead channel) or the number is taken.
    /// </summary>
    public bool Track(int generation, ulong sequence, PendingPublish publish)
    {
        lock (_gate)
        {
            return generation == _generation && _unconfirmed.TryAdd(sequence, publish);
        }
    }

    /// <summary>
    /// Stops tracking a publish that failed before it reached the broker; true when it was still tracked, so the
    /// caller (and nobody else) publishes it again.
    /// </summary>
    public bool Untrack(ulong sequence, PendingPublish publish)
    {
        lock (_gate)
        {
            if (_unconfirmed.TryGetValue(sequence, out var tracked) && ReferenceEquals(tracked, publish))
            {
                _unconfirmed.Remove(sequence);
                return true;
            }

            return false;
        }
    }

    /// <summary>The broker returned the message with this token: its confirm, which follows, does not settle it.</summary>
    public void Returned(long token)
    {
        lock (_gate)
        {
            _returned.Add(token);
        }
    }

    /// <summary>
    /// A confirm (<paramref name="confirmed"/>) or nack of <paramref name="tag"/>, or of every publish up to it when
    /// <paramref name="multiple"/>: adds the settled publishes to <paramref name="settled"/> and those to publish
    /// again (nacked or returned) to <paramref name="again"/>.
    /// </summary>
    public void Settle(ulong tag, bool multiple, bool confirmed, List<PendingPublish> settled, List<PendingPublish> again)
    {
        lock (_gate)
        {
            var first = multiple ? _lowest : tag;
            for (var sequence = first; sequence <= tag && sequence != 0; sequence++)
            {
                if (!_unconfirmed.Remove(sequence, out var publish))
                {
                    continue;
                }

                var returned = _returned.Remove(publish.Token);
                (confirmed && !returned ? settled : again).Add(publish);
            }

            if (multiple && tag >= _lowest)
            {
                _lowest = tag + 1;
            }
        }
    }

    /// <summary>The channel is gone: every unconfirmed publish goes to <paramref name="again"/>, and a new generation begins.</summary>
    public void ChannelLost(List<PendingPublish> again)
    {
        lock (_gate)
        {
            _generation++;
            again.AddRange(_unconfirmed.Values);
            _unconfirmed.Clear();
            _returned.Clear();
            _lowest = 1;
        }
    }
}
