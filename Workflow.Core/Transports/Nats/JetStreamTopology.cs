using System.Text;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>
/// JetStream's objects for a topic: one file-backed stream per topic (subject = the topic), and one durable,
/// explicitly acknowledged consumer per component. Sender and receiver both declare the stream, identically.
/// </summary>
public static class JetStreamTopology
{
    /// <summary>How long a redelivery waits for an unacknowledged message: short, so a broker restart heals within a drain.</summary>
    public static readonly TimeSpan AckWait = TimeSpan.FromSeconds(5);

    public const int MaxAckPending = 20_000;

    /// <summary>A legal stream name for a topic: letters, digits, '-' and '_' kept, anything else replaced by '_'.</summary>
    public static string StreamNameFor(string topic) => $"MESHASPIRE_{Sanitize(topic)}";

    public static string ConsumerNameFor(string component) => Sanitize(component);

    public static StreamConfig StreamFor(string topic) => new(StreamNameFor(topic), [topic])
    {
        Storage = StreamConfigStorage.File,
        Retention = StreamConfigRetention.Limits,
        MaxAge = TimeSpan.FromHours(1),
    };

    public static ConsumerConfig ConsumerFor(string component) => new(ConsumerNameFor(component))
    {
        AckPolicy = ConsumerConfigAckPolicy.Explicit,
        DeliverPolicy = ConsumerConfigDeliverPolicy.All,
        AckWait = AckWait,
        MaxAckPending = MaxAckPending,
    };

    public static Task DeclareStreamAsync(NatsJSContext context, string topic, CancellationToken cancellationToken) =>
        context.CreateOrUpdateStreamAsync(StreamFor(topic), cancellationToken).AsTask();

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
