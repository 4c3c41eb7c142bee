using RabbitMQ.Client;

namespace MeshAspire.Workflow.Transports.RabbitMq;

/// <summary>
/// The broker's AMQP URI, <c>amqp://user:password@host:port/vhost</c> (or <c>amqps://</c>), as the client's
/// connection settings. A bare <c>host</c> or <c>host:port</c> is read as <c>amqp://</c>; without credentials the
/// client's guest/guest applies, without a path the virtual host <c>/</c>.
/// </summary>
public static class RabbitMqAddress
{
    /// <summary>How long the client waits between attempts to recover a lost connection.</summary>
    public static readonly TimeSpan RecoveryInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one connection attempt may take.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The connection string as an absolute amqp:// or amqps:// URI; <see cref="ArgumentException"/> otherwise.</summary>
    public static Uri Parse(BrokerEndpoint broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var text = broker.ConnectionString.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "amqp://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("amqp" or "amqps")
            || string.IsNullOrEmpty(uri.Host)
            || uri.Segments.Length > 2)
        {
            throw new ArgumentException(
                $"ConnectionStrings:{broker.Name} '{WithoutCredentials(broker.ConnectionString)}' is not an AMQP URI: expected amqp://user:password@host:port/vhost",
                nameof(broker));
        }

        return uri;
    }

    /// <summary>The address as shown in messages and logs: scheme, host, port and virtual host, never credentials.</summary>
    public static string Describe(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var port = uri.IsDefaultPort || uri.Port < 0 ? string.Empty : $":{uri.Port}";
        return $"{uri.Scheme}://{uri.Host}{port}{uri.AbsolutePath}";
    }

    /// <summary>
    /// A factory for <paramref name="uri"/> that recovers lost connections on its own (channels, queues and consumers
    /// included) and dispatches each consumer's deliveries one at a time, in order.
    /// </summary>
    public static ConnectionFactory CreateFactory(Uri uri) => new()
    {
        Uri = uri,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = RecoveryInterval,
        RequestedConnectionTimeout = AttemptTimeout,
        ConsumerDispatchConcurrency = 1,
    };

    /// <summary>Whatever stands between <c>://</c> and the last <c>@</c> removed, for text that is not a URI.</summary>
    internal static string WithoutCredentials(string text)
    {
        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            return text;
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        return at < start ? text : text[..start] + text[(at + 1)..];
    }
}
