using System.Collections.Concurrent;
using System.Net;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Tests.Transports.Grpc;

/// <summary>A real Kestrel server on loopback serving <see cref="HopService"/>, recording the sequences it accepts in order.</summary>
internal sealed class HopServer : IAsyncDisposable, IEnvelopeSink
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<long> _accepted = new();
    private readonly ManualResetEventSlim _released = new();
    private readonly long _holdFrom;

    private HopServer(int port, long holdFrom)
    {
        _holdFrom = holdFrom;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, endpoint => endpoint.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IEnvelopeSink>(this);
        builder.Services.AddSingleton(new ComponentIdentity("action01", ComponentRole.Action, "run-1"));
        _app = builder.Build();
        _app.MapGrpcService<HopService>();
    }

    public IReadOnlyList<long> Accepted => [.. _accepted];

    public bool IsStopping => _app.Lifetime.ApplicationStopping.IsCancellationRequested;

    /// <param name="holdFrom">Accepting this sequence blocks until <see cref="Release"/>: its ack and the later ones stay unwritten.</param>
    public static async Task<HopServer> StartAsync(int port, long holdFrom = long.MaxValue)
    {
        var server = new HopServer(port, holdFrom);
        await server._app.StartAsync();
        return server;
    }

    public static HopAddress AddressOf(int port) => new("action01", new Uri($"http://127.0.0.1:{port}"));

    public void Accept(Envelope envelope, long receivedNanos)
    {
        _accepted.Enqueue(envelope.Sequence);
        if (envelope.Sequence >= _holdFrom)
        {
            _released.Wait(TimeSpan.FromSeconds(30));
        }
    }

    public void Release() => _released.Set();

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        _released.Set();
        await _app.DisposeAsync();
        _released.Dispose();
    }
}
