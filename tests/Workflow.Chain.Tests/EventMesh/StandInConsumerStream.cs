using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;
using Microsoft.AspNetCore.Http;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>
/// One <c>subscribeStream</c> call as the stand-in holds it: events and answers queue here and one loop writes
/// them to the client, in order. <see cref="Kill"/> aborts the HTTP/2 stream the way a dying runtime connection does.
/// </summary>
internal sealed class StandInConsumerStream(HttpContext http)
{
    private readonly Channel<CloudEvent> _outbound = Channel.CreateUnbounded<CloudEvent>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _killed;

    /// <summary>Every pushed event handed to the stream writer (recorded just before the write, so a write cut short by a kill is here too).</summary>
    public ConcurrentQueue<CloudEvent> Handed { get; } = new();

    public bool Killed => _killed;

    public bool TryEnqueue(CloudEvent cloudEvent) => !_killed && _outbound.Writer.TryWrite(cloudEvent);

    public async Task WriteAllAsync(IServerStreamWriter<CloudEvent> writer, CancellationToken cancellationToken)
    {
        await foreach (var cloudEvent in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            if (!cloudEvent.Attributes.ContainsKey("status_code"))
            {
                Handed.Enqueue(cloudEvent);
            }

            await writer.WriteAsync(cloudEvent, cancellationToken);
        }
    }

    /// <summary>Ends the call normally once what is queued has been written.</summary>
    public void Complete() => _outbound.Writer.TryComplete();

    /// <summary>Aborts the stream; returns the events that were queued and never handed to the writer.</summary>
    public IReadOnlyList<CloudEvent> Kill()
    {
        _killed = true;
        _outbound.Writer.TryComplete();
        var undelivered = new List<CloudEvent>();
        while (_outbound.Reader.TryRead(out var cloudEvent))
        {
            if (!cloudEvent.Attributes.ContainsKey("status_code"))
            {
                undelivered.Add(cloudEvent);
            }
        }

        http.Abort();
        return undelivered;
    }
}
