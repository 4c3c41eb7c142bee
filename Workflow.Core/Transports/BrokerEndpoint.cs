using MeshAspire.Workflow.Scenarios;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.Workflow.Transports;

/// <summary>
/// The broker an async transport publishes to and consumes from: the connection string named after the broker
/// (<c>ConnectionStrings:nats</c>, as Aspire's references set it), else the broker's Service name in Kubernetes.
/// </summary>
public sealed record BrokerEndpoint(string Name, string ConnectionString)
{
    public static string ConnectionNameFor(TransportKind transport) => transport switch
    {
        TransportKind.Nats or TransportKind.JetStream => "nats",
        TransportKind.RabbitMq => "rabbitmq",
        TransportKind.Kafka => "kafka",
        TransportKind.EventMesh => "eventmesh",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "a sync transport has no broker"),
    };

    /// <summary>Where the broker is when no connection string is configured: its Service in the run's namespace.</summary>
    public static string DefaultAddressFor(TransportKind transport) => transport switch
    {
        TransportKind.Nats or TransportKind.JetStream => "nats://nats:4222",
        TransportKind.RabbitMq => "amqp://rabbitmq:5672",
        TransportKind.Kafka => "kafka:9092",
        TransportKind.EventMesh => "http://eventmesh:10205",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "a sync transport has no broker"),
    };

    public static BrokerEndpoint Resolve(IConfiguration configuration, TransportKind transport)
    {
        var name = ConnectionNameFor(transport);
        var configured = configuration.GetConnectionString(name);
        return new BrokerEndpoint(name, string.IsNullOrWhiteSpace(configured) ? DefaultAddressFor(transport) : configured.Trim());
    }

    /// <summary>The address without credentials, for messages and logs.</summary>
    public string Redacted
    {
        get
        {
            if (Uri.TryCreate(ConnectionString, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo))
            {
                return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();
            }

            // Not a URI (e.g. "amqp://user:secret@" or Kafka's host lists): whatever stands before an '@' may be a credential.
            var at = ConnectionString.LastIndexOf('@');
            return at < 0 ? ConnectionString : "***@" + ConnectionString[(at + 1)..];
        }
    }

    public override string ToString() => $"{Name} ({Redacted})";
}
