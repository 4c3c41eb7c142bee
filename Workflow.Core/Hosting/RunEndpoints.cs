using MeshAspire.Workflow.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MeshAspire.Workflow.Hosting;

/// <summary>
/// /run (state and counts), /records (per-message rows), /records/histograms (HdrHistogram log) and /clock (this
/// component's clock, for the collector's offset probes).
/// </summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var run = endpoints.ServiceProvider.GetRequiredService<ComponentRun>();

        endpoints.MapGet("/run", (RequestDelegate)(context =>
            context.Response.WriteAsJsonAsync(run.Status(), RunJsonContext.Default.RunStatus, cancellationToken: context.RequestAborted)));

        endpoints.MapGet("/clock", (RequestDelegate)new ClockEndpoint(run.Identity.Name).AnswerAsync);

        endpoints.MapGet("/records", (RequestDelegate)(async context =>
        {
            context.Response.ContentType = RecordsExport.RowsContentType;
            await RecordsExport.WriteRowsAsync(run, context.Response.Body, context.RequestAborted);
        }));

        endpoints.MapGet("/records/histograms", (RequestDelegate)(async context =>
        {
            using var buffer = new MemoryStream();
            RecordsExport.WriteHistograms(run, buffer);
            context.Response.ContentType = RecordsExport.HistogramsContentType;
            buffer.Position = 0;
            await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
        }));

        return endpoints;
    }
}
