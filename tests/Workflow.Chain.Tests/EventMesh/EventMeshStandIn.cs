using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>
/// A stand-in for the Apache EventMesh runtime's gRPC CloudEvents API (runtime 1.12, plaintext HTTP/2), in this
/// process on a free loopback port. It is NOT recorded from a real runtime: none can run on this machine. It was
/// built from the protocol facts of issue 3 and the runtime's published protos and validation rules, and enforces
/// exactly those: an event missing one of the identity attributes (or with a non-numeric pid, or another protocol
/// type or version) is answered with status 6, a publish without uniqueid, producergroup, subject, ttl or data
/// matching its datacontenttype with status 7, a publish to a topic nobody has subscribed to yet with status 14
/// "topic not created" (standalone mode); a subscription is answered on its stream and creates its topics; each
/// published event goes to one consumer of each subscribed group (CLUSTERING); a consumer's heartbeat is answered
/// 0, or 30 (CLIENT_RESUBSCRIBE) when its subscription is unknown. Tests can kill a group's streams (what a dying
/// runtime connection does, losing what it held) and make it forget a group's subscriptions.
/// </summary>
internal sealed class EventMeshStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EventMeshStandIn(WebApplication app, StandInRuntime runtime, string address)
    {
        _app = app;
        Runtime = runtime;
        Address = address;
    }

    public StandInRuntime Runtime { get; }

    /// <summary>The runtime's URI, as a connection string.</summary>
    public string Address { get; }

    public static async Task<EventMeshStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var runtime = new StandInRuntime();
        builder.Services.AddSingleton(runtime);
        builder.Services.AddGrpc();

        var app = builder.Build();
        app.MapGrpcService<StandInPublisherService>();
        app.MapGrpcService<StandInConsumerService>();
        app.MapGrpcService<StandInHeartbeatService>();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new EventMeshStandIn(app, runtime, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
