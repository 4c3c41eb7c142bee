using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using MeshAspire.Workflow.Timing;
using Microsoft.AspNetCore.Http;

namespace MeshAspire.Workflow.Hosting;

/// <summary>
/// GET /clock: the <see cref="ClockAnswer"/> the collector's offset probes read, written straight into the response
/// with a Content-Length, so that little but the two stamps happens between them.
/// </summary>
public sealed class ClockEndpoint(string component)
{
    /// <summary>Room for the two keys, two numbers and the closing brace after the opening.</summary>
    private const int Room = 80;

    private static readonly byte[] HandledKey = ",\"handledNs\":"u8.ToArray();
    private static readonly byte[] AnsweredKey = ",\"answeredNs\":"u8.ToArray();

    private readonly byte[] _opening = [.. "{\"component\":\""u8, .. JsonEncodedText.Encode(component).EncodedUtf8Bytes, .. "\""u8];

    public Task AnswerAsync(HttpContext context)
    {
        var handled = UnixClock.NowNanos();
        var response = context.Response;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        Span<byte> body = stackalloc byte[_opening.Length + Room];
        var length = Append(body, 0, _opening);
        length = Append(body, length, HandledKey);
        Utf8Formatter.TryFormat(handled, body[length..], out var written);
        length += written;
        length = Append(body, length, AnsweredKey);
        Utf8Formatter.TryFormat(UnixClock.NowNanos(), body[length..], out written);
        length += written;
        body[length++] = (byte)'}';

        response.ContentLength = length;
        response.BodyWriter.Write(body[..length]);
        return response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
    }

    private static int Append(Span<byte> body, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(body[at..]);
        return at + bytes.Length;
    }
}
