using System.Net;
using MeshAspire.Workflow;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Bench;

/// <summary>
/// The floor's server (this program started again with <c>--echo-server PORT</c>): Kestrel with one HTTP/2-only
/// loopback endpoint serving the workflow's own gRPC <see cref="HopService"/>, which only stamps and acknowledges.
/// </summary>
public static class EchoServer
{
    public static int Run(int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).QuietPerRequestLogging();
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, endpoint => endpoint.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IEnvelopeSink, DroppingSink>();
        builder.Services.AddSingleton(new ComponentIdentity("echo", ComponentRole.Action, "floor"));
        var app = builder.Build();
        app.MapGrpcService<HopService>();
        app.Run();
        return 0;
    }

    /// <summary>Drops every message: the floor measures the hop alone, no processing behind it.</summary>
    private sealed class DroppingSink : IEnvelopeSink
    {
        public void Accept(Envelope envelope, long receivedNanos)
        {
        }
    }
}
