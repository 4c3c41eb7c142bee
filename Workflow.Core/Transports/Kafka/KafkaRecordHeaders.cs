using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// Record headers that repeat what a broker-side tool (kcat, a console consumer) cannot read from the protobuf
/// body: the run, the sequence number, and the W3C <c>traceparent</c> of a sampled message. All are UTF-8 text.
/// The receiver does not need them: the envelope carries the same.
/// </summary>
public static class KafkaRecordHeaders
{
    public const string TraceParent = "traceparent";
    public const string Run = "meshaspire-run";
    public const string Sequence = "meshaspire-seq";

    public static Headers For(Envelope envelope)
    {
        var headers = new Headers
        {
            { Run, Encoding.UTF8.GetBytes(envelope.RunId) },
            { Sequence, Encoding.UTF8.GetBytes(envelope.Sequence.ToString(CultureInfo.InvariantCulture)) },
        };
        if (!string.IsNullOrEmpty(envelope.Traceparent))
        {
            headers.Add(TraceParent, Encoding.UTF8.GetBytes(envelope.Traceparent));
        }

        return headers;
    }

    /// <summary>What <see cref="For"/> wrote; a missing or unreadable header is null.</summary>
    public static (string? RunId, long? Sequence, string? TraceParent) Read(Headers? headers) =>
        (Text(headers, Run), long.TryParse(Text(headers, Sequence), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sequence) ? sequence : null, Text(headers, TraceParent));

    private static string? Text(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var value) && value is not null ? Encoding.UTF8.GetString(value) : null;
}
