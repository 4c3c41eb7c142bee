using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Bench.Scraping;

/// <summary>The child process: one Kestrel server listening on every given loopback port, serving the payload at /metrics.</summary>
internal static class TargetServer
{
    public static async Task<int> RunAsync(int[] ports, string payloadFile)
    {
        var payload = await File.ReadAllBytesAsync(payloadFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(ports.Select(port => $"http://127.0.0.1:{port}").ToArray());
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/metrics", (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return context.Response.Body.WriteAsync(payload).AsTask();
        });
        await app.StartAsync();
        Console.WriteLine("ready");

        // Ends when the parent closes our standard input (or dies).
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
