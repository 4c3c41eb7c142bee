using System.Buffers;
using System.Text;
using Google.Protobuf;
using MeshAspire.Workflow.Transports.Tcp;

namespace MeshAspire.Workflow.Tests.Transports;

public class EnvelopeLineCodecTests
{
    private static Envelope Sample(int payloadBytes)
    {
        // Every byte value, newlines and zeros included, so that a raw byte could break the framing.
        var payload = new byte[payloadBytes];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 7);
        }

        var envelope = new Envelope
        {
            RunId = "run-20250101-120000",
            Sequence = 123_456_789_012,
            Repetition = 2,
            IntendedNs = 1_700_000_000_000_000_000,
            SentNs = 1_700_000_000_000_001_234,
            Payload = ByteString.CopyFrom(payload),
            Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };
        envelope.Hops.Add(new HopStamp { Component = "action01", ReceivedNs = 1_700_000_000_000_010_000, SentNs = 1_700_000_000_000_020_000 });
        envelope.Hops.Add(new HopStamp { Component = "action02", ReceivedNs = -1, SentNs = long.MaxValue });
        return envelope;
    }

    private static byte[] Encode(Envelope envelope)
    {
        var buffer = new byte[EnvelopeLineCodec.MaxEncodedLength(envelope.CalculateSize())];
        var written = EnvelopeLineCodec.Encode(envelope, buffer);
        return buffer[..written];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(16 * 1024)]
    public void An_envelope_comes_back_whole(int payloadBytes)
    {
        var envelope = Sample(payloadBytes);
        var line = Encode(envelope);

        var decoded = EnvelopeLineCodec.Decode(new ReadOnlySequence<byte>(line, 0, line.Length - 1));

        Assert.Equal(envelope, decoded);
        Assert.Equal(payloadBytes, decoded.Payload.Length);
        Assert.Equal(2, decoded.Hops.Count);
        Assert.Equal("action02", decoded.Hops[1].Component);
        Assert.Equal(long.MaxValue, decoded.Hops[1].SentNs);
        Assert.Equal(envelope.Traceparent, decoded.Traceparent);
    }

    [Fact]
    public void An_empty_envelope_comes_back_empty()
    {
        var line = Encode(new Envelope());

        Assert.Equal([(byte)'\n'], line);
        Assert.Equal(new Envelope(), EnvelopeLineCodec.Decode(ReadOnlySequence<byte>.Empty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(16 * 1024)]
    public void A_line_is_base64_of_the_protobuf_bytes_with_one_newline_at_its_end(int payloadBytes)
    {
        var envelope = Sample(payloadBytes);

        var line = Encode(envelope);

        Assert.Equal((byte)'\n', line[^1]);
        Assert.Equal(1, line.Count(b => b == '\n'));
        Assert.DoesNotContain((byte)'\r', line);
        Assert.Equal(Convert.ToBase64String(envelope.ToByteArray()), Encoding.ASCII.GetString(line, 0, line.Length - 1));
        Assert.Equal(EnvelopeLineCodec.MaxEncodedLength(envelope.CalculateSize()), line.Length);
    }

    [Fact]
    public void A_line_split_across_buffer_segments_decodes()
    {
        var envelope = Sample(1000);
        var line = Encode(envelope);
        var first = new Segment(line.AsMemory(0, 17), 0);
        var last = first.Append(line.AsMemory(17, line.Length - 18));

        var decoded = EnvelopeLineCodec.Decode(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        Assert.Equal(envelope, decoded);
    }

    [Fact]
    public void Consecutive_lines_decode_one_by_one()
    {
        var envelopes = Enumerable.Range(0, 5).Select(i => Sample(i * 10)).ToArray();
        for (var i = 0; i < envelopes.Length; i++)
        {
            envelopes[i].Sequence = i;
        }

        var stream = envelopes.SelectMany(Encode).ToArray();
        var buffer = new ReadOnlySequence<byte>(stream);
        var decoded = new List<Envelope>();
        while (buffer.PositionOf(EnvelopeLineCodec.Newline) is { } newline)
        {
            decoded.Add(EnvelopeLineCodec.Decode(buffer.Slice(0, newline)));
            buffer = buffer.Slice(buffer.GetPosition(1, newline));
        }

        Assert.Equal(envelopes, decoded);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void A_destination_too_small_is_refused()
    {
        var envelope = Sample(64);

        Assert.Throws<ArgumentException>(() => EnvelopeLineCodec.Encode(envelope, new byte[10]));
    }

    [Theory]
    [InlineData("this is not base64!")]
    [InlineData("QUJD*")]
    [InlineData("QUJ")]
    [InlineData("@@@@")]
    [InlineData("QU=D")]
    public void A_line_that_is_not_base64_is_invalid_data(string text)
    {
        var line = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.Throws<InvalidDataException>(() => EnvelopeLineCodec.Decode(line));
    }

    [Fact]
    public void A_destination_with_no_room_for_the_newline_is_refused()
    {
        var envelope = new Envelope { RunId = "run", Sequence = 7 };
        var exact = EnvelopeLineCodec.Encode(envelope, new byte[EnvelopeLineCodec.MaxEncodedLength(envelope.CalculateSize())]);

        Assert.Throws<ArgumentException>(() => EnvelopeLineCodec.Encode(envelope, new byte[exact - 1]));
    }

    [Fact]
    public void A_base64_line_that_is_not_an_envelope_is_invalid_data()
    {
        var line = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(Convert.ToBase64String([0xFF, 0xFF, 0xFF, 0xFF])));

        Assert.Throws<InvalidDataException>(() => EnvelopeLineCodec.Decode(line));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
