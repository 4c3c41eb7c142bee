using System.Threading.Channels;

namespace MeshAspire.Workflow.Transports;

/// <summary>
/// Between an async sender's <see cref="IHopSender.Send"/> (one thread, never blocking) and its one publishing loop:
/// messages are published in the order they were sent; what is still queued when the sender stops fails as not
/// connected, so every token is reported. <c>publish</c> reports its message itself unless it throws.
/// </summary>
internal sealed class PublishOutbox(IDeliveryObserver observer)
{
    private readonly Channel<(Envelope Envelope, long Token)> _queue =
        Channel.CreateUnbounded<(Envelope, long)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>Cancelled when the sender stops: a publish in progress should give up. Never disposed, so still readable then.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts the loop that hands each message, in order, to <paramref name="publish"/>.</summary>
    public void Start(Func<Envelope, long, ValueTask> publish) => _loop = Task.Run(() => RunAsync(publish), CancellationToken.None);

    public void Post(Envelope envelope, long token)
    {
        if (_loop is null || !_queue.Writer.TryWrite((envelope, token)))
        {
            observer.Failed(token, DeliveryFailure.NotConnected);
        }
    }

    private async Task RunAsync(Func<Envelope, long, ValueTask> publish)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (reader.TryRead(out var item))
                {
                    try
                    {
                        await publish(item.Envelope, item.Token);
                    }
                    catch (Exception)
                    {
                        // A publish that throws has not reported its message; the loop must outlive any client fault.
                        observer.Failed(item.Token, _stopping.IsCancellationRequested ? DeliveryFailure.NotConnected : DeliveryFailure.ConnectionLost);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        while (reader.TryRead(out var left))
        {
            observer.Failed(left.Token, DeliveryFailure.NotConnected);
        }
    }

    public async ValueTask StopAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }
}
