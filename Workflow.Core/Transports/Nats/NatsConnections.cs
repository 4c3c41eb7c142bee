using NATS.Client.Core;

namespace MeshAspire.Workflow.Transports.Nats;

/// <summary>Opens a NATS connection to the run's broker, retrying with backoff until the connect timeout.</summary>
internal static class NatsConnections
{
    public static NatsOpts OptionsFor(BrokerEndpoint broker, string clientName) => NatsOpts.Default with
    {
        Url = broker.ConnectionString,
        Name = clientName,
        MaxReconnectRetry = -1,
        ReconnectWaitMin = TimeSpan.FromMilliseconds(50),
        ReconnectWaitMax = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(2),

        // The client's default drops the newest message when a subscription's queue is full: a loss inside this
        // process that the run would blame on the broker. Waiting pushes back on the socket instead.
        SubPendingChannelCapacity = 65_536,
        SubPendingChannelFullMode = System.Threading.Channels.BoundedChannelFullMode.Wait,
    };

    public static async Task<NatsConnection> ConnectAsync(BrokerEndpoint broker, TopicOptions options, string target, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + options.ConnectTimeout;
        var backoff = new ConnectBackoff();
        Exception? lastError = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            var connection = new NatsConnection(OptionsFor(broker, options.Component));
            try
            {
                await connection.ConnectAsync();
                return connection;
            }
            catch (NatsException error)
            {
                lastError = error;
                await connection.DisposeAsync();
            }

            await Task.Delay(backoff.Next(), cancellationToken);
        }

        throw new HopUnreachableException(target, options.ConnectTimeout, lastError);
    }
}
