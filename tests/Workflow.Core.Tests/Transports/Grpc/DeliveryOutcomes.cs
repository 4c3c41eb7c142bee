using System.Collections.Concurrent;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Tests.Transports.Grpc;

/// <summary>Every outcome a sender reported, in the order reported: an ack or a failure per token.</summary>
internal sealed class DeliveryOutcomes : IDeliveryObserver
{
    private readonly ConcurrentQueue<(long Token, DeliveryFailure? Failure)> _outcomes = new();

    public IReadOnlyList<(long Token, DeliveryFailure? Failure)> All => [.. _outcomes];

    public IReadOnlyList<long> Acknowledged => [.. _outcomes.Where(o => o.Failure is null).Select(o => o.Token)];

    public IReadOnlyList<(long Token, DeliveryFailure Failure)> Failures =>
        [.. _outcomes.Where(o => o.Failure is not null).Select(o => (o.Token, o.Failure!.Value))];

    void IDeliveryObserver.Acknowledged(long token, long acknowledgedNanos) => _outcomes.Enqueue((token, null));

    public void Failed(long token, DeliveryFailure failure) => _outcomes.Enqueue((token, failure));
}
