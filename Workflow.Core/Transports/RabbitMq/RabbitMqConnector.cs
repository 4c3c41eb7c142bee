using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MeshAspire.Workflow.Transports.RabbitMq;

/// <summary>Opens a connection and its one channel, retrying with backoff until the connect timeout.</summary>
internal static class RabbitMqConnector
{
    public static async Task<(IConnection Connection, IChannel Channel)> OpenAsync(
        ConnectionFactory factory,
        string clientName,
        string target,
        TimeSpan timeout,
        Func<IConnection, CancellationToken, Task<IChannel>> openChannel,
        CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + timeout;
        var backoff = new ConnectBackoff();
        Exception? lastError = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            IConnection? connection = null;
            try
            {
                connection = await factory.CreateConnectionAsync(clientName, cancellationToken);
                var channel = await openChannel(connection, cancellationToken);
                return (connection, channel);
            }
            catch (Exception error) when (IsBrokerFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                lastError = error;
                if (connection is not null)
                {
                    await CloseQuietlyAsync(connection);
                }
            }

            await Task.Delay(backoff.Next(), cancellationToken);
        }

        throw new HopUnreachableException(target, timeout, lastError);
    }

    /// <summary>What a broker that is down, restarting or refusing raises, as opposed to a bug.</summary>
    public static bool IsBrokerFailure(Exception error) =>
        error is RabbitMQClientException or IOException or SocketException or TimeoutException or ObjectDisposedException;

    /// <summary>Closes the channel and the connection; one already gone is no error.</summary>
    public static async Task CloseQuietlyAsync(IChannel? channel, IConnection? connection)
    {
        if (channel is not null)
        {
            try
            {
                await channel.CloseAsync();
            }
            catch (Exception error) when (IsBrokerFailure(error) || error is OperationCanceledException)
            {
            }

            await channel.DisposeAsync();
        }

        if (connection is not null)
        {
            await CloseQuietlyAsync(connection);
        }
    }

    private static async Task CloseQuietlyAsync(IConnection connection)
    {
        try
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception error) when (IsBrokerFailure(error) || error is OperationCanceledException)
        {
        }

        await connection.DisposeAsync();
    }
}
