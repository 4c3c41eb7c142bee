using HdrHistogram;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Running;

/// <summary>Everything one component measures during a run: its state, counts, per-message rows and histograms.</summary>
public sealed class ComponentRun
{
    private readonly Dictionary<LatencyKind, LongConcurrentHistogram> _histograms;

    // The same histograms indexed by kind, so recording a message does no dictionary lookup.
    private readonly LongConcurrentHistogram?[] _byKind = new LongConcurrentHistogram?[Enum.GetValues<LatencyKind>().Length];
    private volatile string? _error;
    private int _state;
    private long _scheduled;
    private long _lastSentNanos;
    private long _lastReceivedNanos;

    public ComponentRun(ComponentIdentity identity, IReadOnlyList<string> upstream)
    {
        Identity = identity;
        Upstream = upstream;
        Records = new RecordLog(stampsPerRecord: 2 * upstream.Count);
        StartedNanos = Timing.UnixClock.NowNanos();
        _histograms = KindsFor(identity.Role).ToDictionary(kind => kind, _ => LatencyHistograms.CreateConcurrent());
        foreach (var (kind, histogram) in _histograms)
        {
            _byKind[(int)kind] = histogram;
        }
    }

    public ComponentIdentity Identity { get; }

    /// <summary>The conclusion only: the actions before it, whose stamps each row keeps.</summary>
    public IReadOnlyList<string> Upstream { get; }

    public RecordLog Records { get; }

    public ComponentCounters Counters { get; } = new();

    public long StartedNanos { get; }

    public RunState State => (RunState)Volatile.Read(ref _state);

    public string? Error => _error;

    public IReadOnlyDictionary<LatencyKind, LongConcurrentHistogram> Histograms => _histograms;

    public static IReadOnlyList<LatencyKind> KindsFor(ComponentRole role) => role switch
    {
        ComponentRole.Trigger => [LatencyKind.GeneratorLag, LatencyKind.RoundTrip, LatencyKind.Reply],
        ComponentRole.Action => [LatencyKind.ServiceTime, LatencyKind.RoundTrip],
        _ => [LatencyKind.ServiceTime, LatencyKind.EndToEnd],
    };

    public void MoveTo(RunState state) => Volatile.Write(ref _state, (int)state);

    public void Fail(string error)
    {
        _error = error;
        MoveTo(RunState.Failed);
    }

    public void SetScheduled(long count) => Volatile.Write(ref _scheduled, count);

    public void MarkSent(long nanos) => Volatile.Write(ref _lastSentNanos, nanos);

    public void MarkReceived(long nanos) => Volatile.Write(ref _lastReceivedNanos, nanos);

    /// <summary>Appends the row of a message that arrived: the envelope's sequence and times, and its receive stamp.</summary>
    public long RecordArrival(in InboundMessage message)
    {
        var envelope = message.Envelope;
        var index = Records.Append();
        ref var row = ref Records[index];
        row.Sequence = envelope.Sequence;
        row.Repetition = envelope.Repetition;
        row.IntendedNanos = envelope.IntendedNs;
        row.SentNanos = envelope.SentNs;
        row.ReceivedNanos = message.ReceivedNanos;
        MarkReceived(message.ReceivedNanos);
        return index;
    }

    public void Record(LatencyKind kind, long nanos)
    {
        LatencyHistograms.RecordNanos(_byKind[(int)kind] ?? throw new ArgumentException($"a {Identity.Role} keeps no {kind} histogram", nameof(kind)), nanos);
        WorkflowMetrics.RecordLatency(kind, nanos);
    }

    public RunStatus Status() => new(
        Identity.Name,
        Identity.Role.ToString().ToLowerInvariant(),
        Identity.RunId,
        State,
        Volatile.Read(ref _scheduled),
        Counters.Sent,
        Counters.Received,
        Counters.Acknowledged,
        Counters.SendFailed,
        Counters.Unacknowledged,
        Counters.Duplicates,
        Counters.Reordered,
        StartedNanos,
        Volatile.Read(ref _lastSentNanos),
        Volatile.Read(ref _lastReceivedNanos),
        Error);
}
