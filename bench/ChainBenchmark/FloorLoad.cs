using Google.Protobuf;
using HdrHistogram;
using MeshAspire.Workflow;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Timing;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Bench;

/// <summary>
/// The floor client's messages: sends each due slot as an <see cref="Envelope"/> with the trigger's payload, and
/// records each acknowledgement's round trip (ack - actual send, one clock) and, beside it, the latency from the
/// intended send time as the chain measures it. Warm-up messages (the first <c>warmup</c> tokens) are left out.
/// </summary>
public sealed class FloorLoad(long warmupMessages, long measuredMessages, ByteString payload) : IPacedSender, IDeliveryObserver
{
    private readonly long[] _sentNanos = new long[warmupMessages + measuredMessages];
    private readonly long[] _intendedNanos = new long[warmupMessages + measuredMessages];
    private long _firstToken;
    private long _sent;
    private long _answered;
    private long _measuredSent;
    private long _measuredAcknowledged;
    private long _firstMeasuredSend;
    private long _lastMeasuredSend;

    public IHopSender? Sender { get; set; }

    /// <summary>Round trip from the actual send, on the client's clock.</summary>
    public HistogramBase RoundTrip { get; } = LatencyHistograms.CreateConcurrent();

    /// <summary>Acknowledgement minus the intended send time: the floor of the chain's end-to-end measure.</summary>
    public HistogramBase FromIntended { get; } = LatencyHistograms.CreateConcurrent();

    public HistogramBase GeneratorLag { get; } = LatencyHistograms.Create();

    public long MeasuredSent => Interlocked.Read(ref _measuredSent);

    public long MeasuredAcknowledged => Interlocked.Read(ref _measuredAcknowledged);

    /// <summary>Sent and neither acknowledged nor failed yet.</summary>
    public long Outstanding => Interlocked.Read(ref _sent) - Interlocked.Read(ref _answered);

    /// <summary>Measured messages sent per second, from the first to the last send, widened by one mean interval.</summary>
    public double AchievedRate => _measuredSent < 2 ? 0 : _measuredSent / ((_lastMeasuredSend - _firstMeasuredSend) / 1e9 * _measuredSent / (_measuredSent - 1));

    /// <summary>The next <see cref="Pacer.Run"/> pass: the warm-up (tokens from 0), then the measured one.</summary>
    public void BeginPass(bool measured) => _firstToken = measured ? warmupMessages : 0;

    public void Send(long index, long intendedUnixNanos)
    {
        var sender = Sender ?? throw new InvalidOperationException("no sender");
        var token = _firstToken + index;
        var measured = token >= warmupMessages;
        var envelope = new Envelope
        {
            RunId = "floor",
            Sequence = token,
            Repetition = measured ? 1 : 0,
            IntendedNs = intendedUnixNanos,
            Payload = payload,
        };

        var sent = UnixClock.NowNanos();
        envelope.SentNs = sent;
        _sentNanos[token] = sent;
        _intendedNanos[token] = intendedUnixNanos;
        if (measured)
        {
            LatencyHistograms.RecordNanos(GeneratorLag, sent - intendedUnixNanos);
            if (_measuredSent == 0)
            {
                _firstMeasuredSend = sent;
            }

            _lastMeasuredSend = sent;
            Interlocked.Increment(ref _measuredSent);
        }

        Interlocked.Increment(ref _sent);
        sender.Send(envelope, token);
    }

    public void Acknowledged(long token, long acknowledgedNanos)
    {
        if (token >= warmupMessages)
        {
            LatencyHistograms.RecordNanos(RoundTrip, acknowledgedNanos - _sentNanos[token]);
            LatencyHistograms.RecordNanos(FromIntended, acknowledgedNanos - _intendedNanos[token]);
            Interlocked.Increment(ref _measuredAcknowledged);
        }

        Interlocked.Increment(ref _answered);
    }

    public void Failed(long token, DeliveryFailure failure) => Interlocked.Increment(ref _answered);
}
