using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MeshAspire.Workflow.Conclusion;

public static class ConclusionRoleExtensions
{
    /// <summary>The conclusion is the last hop: it records arrivals and detects duplicates and reordering.</summary>
    public static WebApplicationBuilder AddConclusionRole(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ConclusionRecorder>();
        return builder;
    }
}
