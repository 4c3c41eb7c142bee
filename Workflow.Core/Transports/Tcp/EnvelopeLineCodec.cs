using System.Buffers;
using System.Buffers.Text;
using Google.Protobuf;

namespace MeshAspire.Workflow.Transports.Tcp;

/// <summary>
/// The tcp transport's framing, the thesis's newline-delimited messages: one envelope per line, its protobuf
/// bytes in base64 so that no byte of it is a newline.
/// </summary>
public static class EnvelopeLineCodec
{
    public const byte Newline = (byte)'\n';

    /// <summary>The most bytes <see cref="Encode"/> may write for this envelope.</summary>
    public static int MaxEncodedLength(int protobufSize) => Base64.GetMaxEncodedToUtf8Length(protobufSize) + 1;

    /// <summary>Writes the envelope and its newline into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(Envelope envelope, Span<byte> destination)
    {
        var size = envelope.CalculateSize();
        var raw = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            envelope.WriteTo(raw.AsSpan(0, size));
            var status = Base64.EncodeToUtf8(raw.AsSpan(0, size), destination, out _, out var written);
            if (status != OperationStatus.Done || written == destination.Length)
            {
                throw new ArgumentException("destination too small for the encoded envelope", nameof(destination));
            }

            destination[written] = Newline;
            return written + 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Reads one line (without its newline) back into an envelope.</summary>
    public static Envelope Decode(ReadOnlySequence<byte> line)
    {
        var length = (int)line.Length;
        var encoded = ArrayPool<byte>.Shared.Rent(length);
        var decoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(length));
        try
        {
            line.CopyTo(encoded);
            var status = Base64.DecodeFromUtf8(encoded.AsSpan(0, length), decoded, out _, out var written);
            if (status != OperationStatus.Done)
            {
                throw new InvalidDataException($"a tcp line is not base64 ({status})");
            }

            return Envelope.Parser.ParseFrom(decoded.AsSpan(0, written));
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidDataException($"a tcp line is not an envelope: {error.Message}", error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }
}
