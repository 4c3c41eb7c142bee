using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Brokers;

/// <summary>How a scenario's broker runs locally: as a container, or as a program found on this machine.</summary>
public sealed record BrokerHosting(TransportKind Transport, bool InContainer, string? Executable)
{
    /// <summary>
    /// A container when a runtime answers; else the broker's program from PATH where it has one (nats-server,
    /// rabbitmq-server); else the reason the run cannot start and how to get the broker. Null for sync transports.
    /// </summary>
    public static (BrokerHosting? Hosting, string? Error) Choose(TransportKind transport, Func<bool> containerRuntimeAnswers, Func<string, string?> findExecutable)
    {
        if (transport.IsSynchronous())
        {
            return (null, null);
        }

        if (containerRuntimeAnswers())
        {
            return (new BrokerHosting(transport, InContainer: true, Executable: null), null);
        }

        var program = ProgramOf(transport);
        if (program is not null && findExecutable(program) is { } path)
        {
            return (new BrokerHosting(transport, InContainer: false, path), null);
        }

        return (null, HowToGet(transport, program));
    }

    /// <summary>The broker's own program, for brokers that have one a package manager installs.</summary>
    public static string? ProgramOf(TransportKind transport) => transport switch
    {
        TransportKind.Nats or TransportKind.JetStream => "nats-server",
        TransportKind.RabbitMq => "rabbitmq-server",
        _ => null,
    };

    private static string HowToGet(TransportKind transport, string? program)
    {
        var t = transport.ToKey();
        var runtime = ContainerRuntime.Name;
        if (program is null)
        {
            var what = transport == TransportKind.Kafka ? "Kafka (KRaft)" : "the Apache EventMesh runtime with its store";
            return $"transport '{t}' needs {what}, which runs locally only as a container, and no container runtime answers ('{runtime} info' failed): "
                + "start Docker or Podman (set ASPIRE_CONTAINER_RUNTIME=podman for Podman), or publish the scenario to Kubernetes (docs/kubernetes.md)";
        }

        var package = transport == TransportKind.RabbitMq ? "rabbitmq-server" : "nats-server";
        var brew = transport == TransportKind.RabbitMq ? "rabbitmq" : "nats-server";
        return $"transport '{t}' needs a broker and neither a container runtime answers ('{runtime} info' failed) nor is '{program}' on PATH: "
            + $"start Docker or Podman, or install the broker (Debian/Ubuntu: 'sudo apt-get install {package}'; macOS: 'brew install {brew}')";
    }
}
