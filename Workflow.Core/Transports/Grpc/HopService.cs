using Grpc.Core;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Transports.Grpc;

/// <summary>The receiving side of the grpc transport: stamps, hands the message on, and acknowledges at once.</summary>
public sealed class HopService(IEnvelopeSink sink, ComponentIdentity identity) : Hop.HopBase
{
    public override Task<Ack> Deliver(Envelope request, ServerCallContext context)
    {
        var received = UnixClock.NowNanos();
        sink.Accept(request, received);
        return Task.FromResult(new Ack { Sequence = request.Sequence, ReceivedNs = received });
    }

    public override Task<ProbeReply> Probe(ProbeRequest request, ServerCallContext context) =>
        Task.FromResult(new ProbeReply { Component = identity.Name });
}
