using System.Buffers;
using Google.Protobuf;

namespace MeshAspire.Workflow.Transports;

/// <summary>
/// Where an async receiver hands what it consumed: parses the envelope and passes on only this run's messages.
/// A broker may hold messages of an earlier run (a durable queue, a stream): those are dropped and counted, as are
/// bodies that are not an envelope.
/// </summary>
public sealed class TopicIntake(IEnvelopeSink sink, string runId)
{
    private static readonly KeyValuePair<string, object?> ForeignReason = new("reason", "other-run");
    private static readonly KeyValuePair<string, object?> MalformedReason = new("reason", "malformed");

    private long _foreign;
    private long _malformed;

    /// <summary>Messages of another run, dropped.</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    /// <summary>Bodies that were not an envelope, dropped.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Takes one consumed body; false when it was dropped.</summary>
    public bool Offer(ReadOnlySequence<byte> body, long receivedNanos)
    {
        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            RejectMalformed();
            return false;
        }

        return Offer(envelope, receivedNanos);
    }

    /// <summary>Counts a body the transport could not read as an envelope.</summary>
    public void RejectMalformed()
    {
        Interlocked.Increment(ref _malformed);
        Running.WorkflowMetrics.Dropped.Add(1, MalformedReason);
    }

    public bool Offer(ReadOnlyMemory<byte> body, long receivedNanos) => Offer(new ReadOnlySequence<byte>(body), receivedNanos);

    public bool Offer(Envelope envelope, long receivedNanos)
    {
        if (!string.Equals(envelope.RunId, runId, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _foreign);
            Running.WorkflowMetrics.Dropped.Add(1, ForeignReason);
            return false;
        }

        sink.Accept(envelope, receivedNanos);
        return true;
    }
}
