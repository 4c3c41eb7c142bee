using Grpc.Core;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>Asks a grpc hop whether it accepts messages yet: its <c>Probe</c> call, retried with backoff when waiting for it.</summary>
public static class GrpcHopProbe
{
    /// <summary>How long one probe, or the connection under it, may take.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <summary>Probes until the hop answers; throws <see cref="HopUnreachableException"/> naming <paramref name="target"/> after <paramref name="connectTimeout"/>.</summary>
    public static async Task WaitForAnswerAsync(Hop.HopClient client, string target, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + connectTimeout;
        var backoff = new ConnectBackoff();
        RpcException? lastError = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            lastError = await ProbeOnceAsync(client, cancellationToken);
            if (lastError is null)
            {
                return;
            }

            await Task.Delay(backoff.Next(), cancellationToken);
        }

        throw new HopUnreachableException(target, connectTimeout, lastError);
    }

    /// <summary>One probe: null when the hop answered, otherwise why it did not.</summary>
    public static async Task<RpcException?> ProbeOnceAsync(Hop.HopClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ProbeAsync(new ProbeRequest(), deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
            return null;
        }
        catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
        {
            return error;
        }
    }
}
