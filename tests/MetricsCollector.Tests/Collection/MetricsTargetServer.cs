using MeshAspire.Workflow.Chain.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MeshAspire.MetricsCollector.Tests.Collection;

/// <summary>
/// A real Kestrel server on a loopback port serving a Prometheus text body at <c>/metrics</c> (changeable between
/// scrapes, or 503 while unavailable) and a <c>/hang</c> that never answers; stopping it is a target vanishing.
/// </summary>
internal sealed class MetricsTargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _body;
    private bool _stopped;

    private MetricsTargetServer(WebApplication app, int port, string body)
    {
        _app = app;
        _body = body;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public Uri Metrics => new(Address, "/metrics");

    public bool Available { get; set; } = true;

    public string Body
    {
        get => _body;
        set => _body = value;
    }

    public static async Task<MetricsTargetServer> StartAsync(string body)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new MetricsTargetServer(app, port, body);
        app.MapGet("/metrics", () => server.Available
            ? Microsoft.AspNetCore.Http.Results.Text(server._body, "text/plain; version=0.0.4; charset=utf-8")
            : Microsoft.AspNetCore.Http.Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/hang", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return TypedResults.Ok();
        });
        await app.StartAsync();
        return server;
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
