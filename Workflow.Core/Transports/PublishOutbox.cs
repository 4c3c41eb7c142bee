using System.Threading.Channels;

namespace MeshAspire.Workflow.Transports;

/// <summary>
/// Between an async sender's <see cref="IHopSender.Send"/> (one thread, never blocking) and its one publishing loop:
/// messages are published in the order they were sent; what is still queued when the sender stops fails as not
/// connected, so every token is reported. <c>publish</c> reports its message itself unless it throws.
/// With <c>inline</c>, a message sent while nothing is queued or being published starts its publish on the sending
/// thread, and only a publish that does not complete at once is handed to the loop to finish: for a client whose
/// publish is a write into its own buffer, that saves waking the loop's thread for every message.
/// </summary>
internal sealed class PublishOutbox(IDeliveryObserver observer)
{
    private readonly Channel<Outgoing> _queue =
        Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stopping = new();
    private Func<Envelope, long, ValueTask>? _publish;
    private bool _inline;
    private int _outstanding;
    private Task? _loop;

    /// <summary>Cancelled when the sender stops: a publish in progress should give up. Never disposed, so still readable then.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts the loop that hands each message, in order, to <paramref name="publish"/>.</summary>
    public void Start(Func<Envelope, long, ValueTask> publish, bool inline = false)
    {
        _publish = publish;
        _inline = inline;
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public void Post(Envelope envelope, long token)
    {
        if (_loop is null || _stopping.IsCancellationRequested)
        {
            observer.Failed(token, DeliveryFailure.NotConnected);
            return;
        }

        var started = default(ValueTask?);
        if (_inline && Volatile.Read(ref _outstanding) == 0)
        {
            started = StartPublish(envelope, token);
            if (started is null)
            {
                return;
            }
        }

        Interlocked.Increment(ref _outstanding);
        if (!_queue.Writer.TryWrite(new Outgoing(envelope, token, started)))
        {
            Interlocked.Decrement(ref _outstanding);
            if (started is not null)
            {
                _ = FinishAsync(new Outgoing(envelope, token, started));
            }
            else
            {
                observer.Failed(token, DeliveryFailure.NotConnected);
            }
        }
    }

    /// <summary>Null when the publish finished (and reported) at once; else the publish still in progress.</summary>
    private ValueTask? StartPublish(Envelope envelope, long token)
    {
        try
        {
            var publishing = _publish!(envelope, token);
            if (!publishing.IsCompleted)
            {
                return publishing;
            }

            publishing.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            ReportFault(token);
        }

        return null;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (reader.TryRead(out var item))
                {
                    await FinishAsync(item);
                    Interlocked.Decrement(ref _outstanding);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        while (reader.TryRead(out var left))
        {
            if (left.Started is not null)
            {
                await FinishAsync(left);
            }
            else
            {
                observer.Failed(left.Token, DeliveryFailure.NotConnected);
            }
        }
    }

    private async Task FinishAsync(Outgoing item)
    {
        try
        {
            await (item.Started ?? _publish!(item.Envelope, item.Token));
        }
        catch (Exception)
        {
            ReportFault(item.Token);
        }
    }

    // A publish that throws has not reported its message; the loop must outlive any client fault.
    private void ReportFault(long token) =>
        observer.Failed(token, _stopping.IsCancellationRequested ? DeliveryFailure.NotConnected : DeliveryFailure.ConnectionLost);

    public async ValueTask StopAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private readonly record struct Outgoing(Envelope Envelope, long Token, ValueTask? Started);
}
