using System.Buffers;
using Google.Protobuf;
using MeshAspire.Workflow.Timing;
using NATS.Client.Core;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>
/// Writes an envelope's protobuf bytes as the message body, and reads one back on the connection's reader,
/// stamping its arrival there: before any queue inside the client, so client-side waiting counts as latency.
/// </summary>
public sealed class EnvelopeNatsSerializer : INatsSerialize<Envelope>, INatsDeserialize<ArrivedEnvelope>
{
    public static EnvelopeNatsSerializer Instance { get; } = new();

    public void Serialize(IBufferWriter<byte> bufferWriter, Envelope value) => value.WriteTo(bufferWriter);

    public ArrivedEnvelope Deserialize(in ReadOnlySequence<byte> buffer)
    {
        var received = UnixClock.NowNanos();
        try
        {
            return new ArrivedEnvelope(Envelope.Parser.ParseFrom(buffer), received);
        }
        catch (InvalidProtocolBufferException)
        {
            return new ArrivedEnvelope(null, received);
        }
    }
}
