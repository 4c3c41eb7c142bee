using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MeshAspire.Workflow.Trigger;

public static class TriggerRoleExtensions
{
    /// <summary>The trigger generates the run's load and owns its clock.</summary>
    public static WebApplicationBuilder AddTriggerRole(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<TriggerRunner>();
        return builder;
    }
}
