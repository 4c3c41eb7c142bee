using System.Diagnostics;
using System.Globalization;
using RabbitMQ.Client;

namespace MeshAspire.Workflow.Transports.RabbitMq;

/// <summary>One message on its way to the broker, published again after a failure until its call timeout passes.</summary>
internal sealed class PendingPublish
{
    private readonly long _firstAttemptTimestamp;
    private ConnectBackoff _backoff;

    public PendingPublish(long token, byte[] body, long firstAttemptTimestamp)
    {
        Token = token;
        Body = body;
        _firstAttemptTimestamp = firstAttemptTimestamp;
        Properties = new BasicProperties
        {
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = token.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The sender's token, also the message id: a returned message names its publish by it.</summary>
    public long Token { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public BasicProperties Properties { get; }

    /// <summary>True when <paramref name="callTimeout"/> has passed since the message was first sent.</summary>
    public bool HasExpired(long nowTimestamp, TimeSpan callTimeout) =>
        Stopwatch.GetElapsedTime(_firstAttemptTimestamp, nowTimestamp) >= callTimeout;

    /// <summary>How long to wait before the next attempt: 50 ms doubling up to 2 s.</summary>
    public TimeSpan NextRetryDelay() => _backoff.Next();

    /// <summary>The token of a message the broker returned, from its message id; null when it is none of ours.</summary>
    public static long? TokenOf(IReadOnlyBasicProperties properties) =>
        long.TryParse(properties.MessageId, NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token : null;
}
