using Grpc.Core;
using MeshAspire.Workflow.Chain.Tests;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Grpc;

namespace MeshAspire.Workflow.Tests.Transports.Grpc;

/// <summary>Both grpc transports wait for their next hop by probing it with backoff, against a real Kestrel on loopback.</summary>
public sealed class GrpcHopProbeTests
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task A_hop_that_serves_answers()
    {
        var port = FreePort.Next();
        await using var server = await HopServer.StartAsync(port);
        using var channel = GrpcHopChannels.For(HopServer.AddressOf(port));

        Assert.Null(await GrpcHopProbe.ProbeOnceAsync(new Hop.HopClient(channel), CancellationToken.None));
    }

    [Fact(Timeout = Timeout)]
    public async Task A_hop_that_is_not_there_is_given_up_after_the_connect_timeout_with_the_reason()
    {
        var address = HopServer.AddressOf(FreePort.Next());
        using var channel = GrpcHopChannels.For(address);

        var error = await Assert.ThrowsAsync<HopUnreachableException>(
            () => GrpcHopProbe.WaitForAnswerAsync(new Hop.HopClient(channel), address.ToString(), TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Contains($"action01 ({address.Uri})", error.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_hop_that_comes_up_late_is_waited_for()
    {
        var port = FreePort.Next();
        using var channel = GrpcHopChannels.For(HopServer.AddressOf(port));
        var client = new Hop.HopClient(channel);
        var waiting = GrpcHopProbe.WaitForAnswerAsync(client, "action01", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotNull(await GrpcHopProbe.ProbeOnceAsync(client, CancellationToken.None));

        await using var server = await HopServer.StartAsync(port);

        await waiting;
        Assert.Null(await GrpcHopProbe.ProbeOnceAsync(client, CancellationToken.None));
    }
}
