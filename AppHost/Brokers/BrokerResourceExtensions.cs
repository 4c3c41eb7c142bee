using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.AppHost.Brokers;

/// <summary>The scenario's broker as an Aspire resource, named after its connection string (nats, rabbitmq, kafka, eventmesh).</summary>
internal static class BrokerResourceExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddBroker(this IDistributedApplicationBuilder builder, WorkflowRun run, BrokerHosting hosting)
    {
        var name = BrokerEndpoint.ConnectionNameFor(hosting.Transport);
        return hosting switch
        {
            { InContainer: false, Transport: TransportKind.Nats or TransportKind.JetStream } => builder.AddNatsServerExecutable(name, hosting.Executable!, run),
            { InContainer: false, Transport: TransportKind.RabbitMq } => builder.AddRabbitMqServerExecutable(name, hosting.Executable!, run),
            { Transport: TransportKind.Nats or TransportKind.JetStream } => builder.AddNatsContainer(name),
            { Transport: TransportKind.RabbitMq } => builder.AddRabbitMqContainer(name),
            { Transport: TransportKind.Kafka } => builder.AddKafkaContainer(name),
            _ => builder.AddEventMeshContainer(name),
        };
    }

    /// <summary>nats-server on loopback with JetStream storing in a folder of its own, and its monitoring port (health, metrics).</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddNatsServerExecutable(this IDistributedApplicationBuilder builder, string name, string program, WorkflowRun run)
    {
        var store = Path.Combine(Path.GetTempPath(), $"meshaspire-nats-{run.Id}");
        var nats = builder.AddResource(new BrokerExecutableResource(name, program, Path.GetTempPath(), "nats"))
            .WithEndpoint(name: BrokerEndpoints.Client, scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(name: BrokerEndpoints.Metrics, isProxied: false)
            .WithHttpHealthCheck("/healthz", endpointName: BrokerEndpoints.Metrics);
        var resource = nats.Resource;
        nats.WithArgs(context =>
        {
            context.Args.Add("-a");
            context.Args.Add("127.0.0.1");
            context.Args.Add("-p");
            context.Args.Add(resource.Client.Property(EndpointProperty.TargetPort));
            context.Args.Add("-m");
            context.Args.Add(new EndpointReference(resource, BrokerEndpoints.Metrics).Property(EndpointProperty.TargetPort));
            context.Args.Add("-js");
            context.Args.Add("-sd");
            context.Args.Add(store);
        });
        return nats;
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddNatsContainer(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new BrokerContainerResource(name, r => ReferenceExpression.Create($"nats://{r.Client.Property(EndpointProperty.HostAndPort)}")))
            .WithImage("library/nats", "2.10")
            .WithEndpoint(name: BrokerEndpoints.Client, targetPort: 4222, scheme: "tcp")
            .WithHttpEndpoint(name: BrokerEndpoints.Metrics, targetPort: 8222)
            .WithArgs("-js", "-m", "8222")
            .WithHttpHealthCheck("/healthz", endpointName: BrokerEndpoints.Metrics);

    /// <summary>
    /// A private rabbitmq-server node (its own node name, ports and data folder, so it never meets a system node),
    /// with the Prometheus plugin serving its metrics (and readiness) on a port of its own.
    /// </summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddRabbitMqServerExecutable(this IDistributedApplicationBuilder builder, string name, string program, WorkflowRun run)
    {
        const string distribution = "distribution";
        var home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"meshaspire-rabbitmq-{run.Id}")).FullName;
        var plugins = Path.Combine(home, "enabled_plugins");
        File.WriteAllText(plugins, "[rabbitmq_prometheus].\n");
        var rabbit = builder.AddResource(new BrokerExecutableResource(name, RabbitMqServerProgram(program), home, "amqp"))
            .WithEndpoint(name: BrokerEndpoints.Client, scheme: "tcp", isProxied: false)
            .WithEndpoint(name: distribution, scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(name: BrokerEndpoints.Metrics, isProxied: false)
            .WithHttpHealthCheck("/metrics", endpointName: BrokerEndpoints.Metrics);
        var resource = rabbit.Resource;
        var metricsPort = new EndpointReference(resource, BrokerEndpoints.Metrics).Property(EndpointProperty.TargetPort);
        return rabbit
            .WithEnvironment("RABBITMQ_NODENAME", $"meshaspire-{run.Id}@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", resource.Client.Property(EndpointProperty.TargetPort))
            .WithEnvironment("RABBITMQ_DIST_PORT", new EndpointReference(resource, distribution).Property(EndpointProperty.TargetPort))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", plugins)
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", ReferenceExpression.Create($"-rabbitmq_prometheus tcp_config [{{port,{metricsPort}}}]"));
    }

    /// <summary>Debian's /usr/sbin/rabbitmq-server only switches to the rabbitmq user; the server script beside it runs as anyone.</summary>
    private static string RabbitMqServerProgram(string found)
    {
        const string debianServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        return found == "/usr/sbin/rabbitmq-server" && File.Exists(debianServer) ? debianServer : found;
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddRabbitMqContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        return builder.AddResource(new BrokerContainerResource(
                name,
                r => ReferenceExpression.Create($"amqp://meshaspire:{password}@{r.Client.Property(EndpointProperty.HostAndPort)}")))
            .WithImage("library/rabbitmq", "4.1")
            .WithEnvironment("RABBITMQ_DEFAULT_USER", "meshaspire")
            .WithEnvironment("RABBITMQ_DEFAULT_PASS", password)
            .WithEndpoint(name: BrokerEndpoints.Client, targetPort: 5672, scheme: "tcp")
            .WithHttpEndpoint(name: BrokerEndpoints.Metrics, targetPort: 15692)
            .WithHttpHealthCheck("/metrics", endpointName: BrokerEndpoints.Metrics);
    }

    /// <summary>Kafka in KRaft mode (one node, broker and controller). Unproxied on 9092 so the address it advertises is the one clients use.</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new BrokerContainerResource(name, r => ReferenceExpression.Create($"{r.Client.Property(EndpointProperty.HostAndPort)}")))
            .WithImage("apache/kafka", "3.9.1")
            .WithEndpoint(name: BrokerEndpoints.Client, port: 9092, targetPort: 9092, scheme: "tcp", isProxied: false);

    /// <summary>The Apache EventMesh runtime in standalone mode (its in-memory store), gRPC on 10205 and metrics on 19090.</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddEventMeshContainer(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new BrokerContainerResource(name, r => ReferenceExpression.Create($"http://{r.Client.Property(EndpointProperty.HostAndPort)}")))
            .WithImage("apache/eventmesh", "v1.12.0")
            .WithEnvironment("eventMesh.storage.plugin.type", "standalone")
            .WithEndpoint(name: BrokerEndpoints.Client, targetPort: 10205, scheme: "http")
            .WithHttpEndpoint(name: BrokerEndpoints.Metrics, targetPort: 19090);
}
