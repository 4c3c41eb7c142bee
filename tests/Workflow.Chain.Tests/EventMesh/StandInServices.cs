using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MeshAspire.Workflow.Transports.EventMesh.Protocol;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>The stand-in's PublisherService: <c>publish</c> as the runtime answers it; the rest are not used by the client.</summary>
internal sealed class StandInPublisherService(StandInRuntime runtime) : PublisherService.PublisherServiceBase
{
    public override Task<CloudEvent> publish(CloudEvent request, ServerCallContext context) => Task.FromResult(runtime.Publish(request));

    public override Task<Empty> publishOneWay(CloudEvent request, ServerCallContext context)
    {
        runtime.Publish(request);
        return Task.FromResult(new Empty());
    }
}

/// <summary>The stand-in's ConsumerService: streams and unsubscribe (webhook subscriptions are not served).</summary>
internal sealed class StandInConsumerService(StandInRuntime runtime) : ConsumerService.ConsumerServiceBase
{
    public override async Task subscribeStream(IAsyncStreamReader<CloudEvent> requestStream, IServerStreamWriter<CloudEvent> responseStream, ServerCallContext context)
    {
        var stream = new StandInConsumerStream(context.GetHttpContext());
        _ = ReadAllAsync(requestStream, stream, context.CancellationToken);
        try
        {
            await stream.WriteAllAsync(responseStream, context.CancellationToken);
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested || stream.Killed)
        {
            // The client went away, or the stream was killed: nothing more can be written.
        }
        finally
        {
            runtime.StreamEnded(stream);
        }
    }

    public override Task<CloudEvent> unsubscribe(CloudEvent request, ServerCallContext context) => Task.FromResult(runtime.Unsubscribe(request));

    private async Task ReadAllAsync(IAsyncStreamReader<CloudEvent> requests, StandInConsumerStream stream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var request in requests.ReadAllAsync(cancellationToken))
            {
                runtime.Subscribe(stream, request);
            }
        }
        catch (Exception)
        {
            // The call ended under the reader (client gone, stream killed or answered and closed).
        }
        finally
        {
            runtime.StreamEnded(stream);
            stream.Complete();
        }
    }
}

internal sealed class StandInHeartbeatService(StandInRuntime runtime) : HeartbeatService.HeartbeatServiceBase
{
    public override Task<CloudEvent> heartbeat(CloudEvent request, ServerCallContext context) => Task.FromResult(runtime.Heartbeat(request));
}
