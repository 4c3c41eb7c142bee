using System.Globalization;
using System.Net;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Grpc;
using MeshAspire.Workflow.Transports.Tcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MeshAspire.Workflow.Hosting;

public static class WorkflowHostingExtensions
{
    /// <summary>
    /// Makes this process the scenario's component named by configuration: its setup and run, its Kestrel
    /// endpoints (HTTP/1.1 for health, metrics and records; the hop's own port for grpc or tcp) and its receiving side.
    /// </summary>
    public static ComponentSetupResult AddWorkflowComponent(this WebApplicationBuilder builder, ComponentRole role)
    {
        var result = ComponentSetupLoader.Load(builder.Configuration, role);
        if (result.Setup is not { } setup)
        {
            return result;
        }

        var listen = ReadListenAddress(builder.Configuration);
        var httpPort = ReadPort(builder.Configuration, WorkflowOptions.HttpPort) ?? WorkflowOptions.DefaultHttpPort;
        var hopPort = ReadPort(builder.Configuration, WorkflowOptions.HopPort) ?? setup.Spec.PortFrom;
        var transport = setup.Scenario.Settings.Transport;
        if (role != ComponentRole.Trigger && transport.IsSynchronous() && hopPort is null)
        {
            return ComponentSetupResult.Failure(
                $"{setup.Scenario.SourcePath}:{setup.Spec.Line}: '{setup.Spec.RootName}' has no port to listen on: set communication.port.from");
        }

        if (listen is null || httpPort is < 0 or > 65535 || hopPort is < 0 or > 65535)
        {
            return ComponentSetupResult.Failure(
                $"bad listen settings: {WorkflowOptions.ListenAddress}='{builder.Configuration[WorkflowOptions.ListenAddress]}', "
                + $"{WorkflowOptions.HttpPort}='{builder.Configuration[WorkflowOptions.HttpPort]}', {WorkflowOptions.HopPort}='{builder.Configuration[WorkflowOptions.HopPort]}'");
        }

        if (!TryApplyClockSkew(builder.Configuration))
        {
            return ComponentSetupResult.Failure(
                $"bad {WorkflowOptions.ClockSkewForTesting}='{builder.Configuration[WorkflowOptions.ClockSkewForTesting]}': expected a signed time span such as 00:00:03.5 or -00:00:00.250");
        }

        builder.Services.LimitMetricPoints();
        builder.Services.AddSingleton(setup);
        builder.Services.AddSingleton(setup.Identity);
        builder.Services.AddSingleton(new ComponentRun(setup.Identity, role == ComponentRole.Conclusion ? setup.Upstream : []));

        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listen, httpPort, endpoint => endpoint.Protocols = HttpProtocols.Http1);
            if (role == ComponentRole.Trigger || !transport.IsSynchronous())
            {
                return;
            }

            if (transport == TransportKind.Tcp)
            {
                kestrel.Listen(listen, hopPort!.Value, endpoint => endpoint.UseConnectionHandler<TcpHopConnectionHandler>());
            }
            else
            {
                kestrel.Listen(listen, hopPort!.Value, endpoint => endpoint.Protocols = HttpProtocols.Http2);
            }
        });

        if (role != ComponentRole.Trigger)
        {
            builder.Services.AddSingleton<InboundQueue>();
            builder.Services.AddSingleton<IEnvelopeSink>(services => services.GetRequiredService<InboundQueue>());
            if (transport.IsGrpc())
            {
                builder.Services.AddGrpc();
            }

            if (!transport.IsSynchronous())
            {
                builder.Services.AddSingleton<TopicSubscription>();
                builder.Services.AddHostedService(services => services.GetRequiredService<TopicSubscription>());
                builder.Services.AddHealthChecks().AddCheck<TopicSubscriptionHealthCheck>("topic-subscription");
            }
        }

        return result;
    }

    /// <summary>Maps /run, /records, /records/histograms and, for a grpc or grpc-stream hop, the Hop service.</summary>
    public static WebApplication MapWorkflowEndpoints(this WebApplication app)
    {
        app.MapRunEndpoints();
        var setup = app.Services.GetRequiredService<ComponentSetup>();
        if (setup.Spec.Role != ComponentRole.Trigger && setup.Scenario.Settings.Transport.IsGrpc())
        {
            app.MapGrpcService<HopService>();
        }

        return app;
    }

    /// <summary>The options every <see cref="IHopSender"/> of this run uses.</summary>
    public static HopSenderOptions SenderOptions(this ComponentSetup setup)
    {
        var settings = setup.Scenario.Settings;
        var callTimeout = settings.Drain > TimeSpan.FromSeconds(30) ? settings.Drain : TimeSpan.FromSeconds(30);
        return new HopSenderOptions(settings.ConnectTimeout, callTimeout);
    }

    /// <summary>The options of this component's async sender and receiver.</summary>
    public static TopicOptions TopicOptions(this ComponentSetup setup)
    {
        var sender = setup.SenderOptions();
        return new TopicOptions(
            setup.Spec.RootName, setup.Identity.RunId, sender.ConnectTimeout, sender.CallTimeout, setup.Scenario.Settings.PublisherConfirms);
    }

    /// <summary>Sets this process's clock off by <see cref="WorkflowOptions.ClockSkewForTesting"/>, if given; false when it is not a time span.</summary>
    private static bool TryApplyClockSkew(IConfiguration configuration)
    {
        var text = configuration[WorkflowOptions.ClockSkewForTesting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var skew))
        {
            return false;
        }

        UnixClock.SkewForTesting(skew);
        return true;
    }

    private static IPAddress? ReadListenAddress(IConfiguration configuration)
    {
        var text = configuration[WorkflowOptions.ListenAddress];
        if (string.IsNullOrWhiteSpace(text))
        {
            return IPAddress.Any;
        }

        return IPAddress.TryParse(text, out var address) ? address : null;
    }

    private static int? ReadPort(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : -1;
    }
}
