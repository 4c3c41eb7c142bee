using System.Threading.Channels;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Running;

/// <summary>A message that arrived, waiting for the component to process it.</summary>
public readonly record struct InboundMessage(Envelope Envelope, long ReceivedNanos);

/// <summary>
/// The queue between a transport's receiving side and the component's single processing loop. Unbounded:
/// a component slower than its load queues messages here, and the wait shows in its service time.
/// </summary>
public sealed class InboundQueue : IEnvelopeSink
{
    private readonly Channel<InboundMessage> _channel = Channel.CreateUnbounded<InboundMessage>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    public ChannelReader<InboundMessage> Reader => _channel.Reader;

    public void Accept(Envelope envelope, long receivedNanos) =>
        _channel.Writer.TryWrite(new InboundMessage(envelope, receivedNanos));

    public void Complete() => _channel.Writer.TryComplete();
}
