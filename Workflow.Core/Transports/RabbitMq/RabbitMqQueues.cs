using RabbitMQ.Client;

namespace MeshAspire.Workflow.Transports.RabbitMq;

/// <summary>
/// One durable queue per topic, named after it and reached through the default exchange with the topic as routing
/// key. Publisher and consumer both declare it, with the same arguments (the broker refuses a declaration that differs).
/// </summary>
internal static class RabbitMqQueues
{
    public static Task DeclareAsync(IChannel channel, string topic, CancellationToken cancellationToken) =>
        channel.QueueDeclareAsync(topic, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
}
