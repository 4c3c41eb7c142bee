using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MeshAspire.Workflow.Action;

public static class ActionRoleExtensions
{
    /// <summary>An action echoes each message to its caller (the transport does) and forwards it to its next hop.</summary>
    public static WebApplicationBuilder AddActionRole(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ActionForwarder>();
        return builder;
    }
}
