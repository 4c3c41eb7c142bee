using MeshAspire.Workflow.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Hosting;

/// <summary>How every role's process is built: service defaults, the component, the role's own services, endpoints.</summary>
public static class WorkflowProgram
{
    /// <param name="settings">Configuration laid over args and environment (tests use it to place components).</param>
    public static WorkflowApplication Create(
        string[] args,
        ComponentRole role,
        Action<WebApplicationBuilder> addRole,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults();
        builder.Logging.QuietPerRequestLogging();
        var setup = builder.AddWorkflowComponent(role);
        if (setup.Setup is null)
        {
            return new WorkflowApplication(null, setup.Errors);
        }

        addRole(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapWorkflowEndpoints();
        return new WorkflowApplication(app, []);
    }

    /// <summary>Runs the component until it is stopped; a component that cannot start prints why and exits with 2.</summary>
    public static int Run(string[] args, ComponentRole role, Action<WebApplicationBuilder> addRole)
    {
        InlineSocketCompletions.EnableUnlessSet();
        var created = Create(args, role, addRole);
        if (created.App is null)
        {
            foreach (var error in created.Errors)
            {
                Console.Error.WriteLine(error);
            }

            return ComponentSetupResult.BadInputExitCode;
        }

        created.App.Run();
        return 0;
    }
}

/// <summary>A built component, or the reasons it could not be built.</summary>
public sealed record WorkflowApplication(WebApplication? App, IReadOnlyList<string> Errors);
