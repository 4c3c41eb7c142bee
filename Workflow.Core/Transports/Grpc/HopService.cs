using Grpc.Core;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Timing;
using Microsoft.Extensions.Hosting;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>The receiving side of the grpc transports: stamps, hands the message on, and acknowledges at once.</summary>
public sealed class HopService(IEnvelopeSink sink, ComponentIdentity identity, IHostApplicationLifetime lifetime) : Hop.HopBase
{
    public override Task<Ack> Deliver(Envelope request, ServerCallContext context)
    {
        var received = UnixClock.NowNanos();
        sink.Accept(request, received);
        return Task.FromResult(new Ack { Sequence = request.Sequence, ReceivedNs = received });
    }

    /// <summary>
    /// grpc-stream: one message at a time in the order sent, each acked before the next is read. Ends when the
    /// caller does, or when this component stops, so that the caller sees its stream break instead of waiting.
    /// </summary>
    public override async Task Stream(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<Ack> responseStream, ServerCallContext context)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            while (await requestStream.MoveNext(ending.Token))
            {
                var envelope = requestStream.Current;
                var received = UnixClock.NowNanos();
                sink.Accept(envelope, received);
                await responseStream.WriteAsync(new Ack { Sequence = envelope.Sequence, ReceivedNs = received }, ending.Token);
            }
        }
        catch (Exception error) when (ending.IsCancellationRequested && error is OperationCanceledException or IOException or InvalidOperationException)
        {
        }
    }

    public override Task<ProbeReply> Probe(ProbeRequest request, ServerCallContext context) =>
        Task.FromResult(new ProbeReply { Component = identity.Name });
}
