namespace MeshAspire.AppHost.Brokers;

/// <summary>A broker run from its program on this machine; its connection string is its client endpoint.</summary>
public sealed class BrokerExecutableResource(string name, string command, string workingDirectory, string scheme)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Client => new(this, BrokerEndpoints.Client);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{scheme}://{Client.Property(EndpointProperty.HostAndPort)}");
}

/// <summary>A broker run as a container; its connection string is its client endpoint, credentials included when it has them.</summary>
public sealed class BrokerContainerResource(string name, Func<BrokerContainerResource, ReferenceExpression> connectionString)
    : ContainerResource(name), IResourceWithConnectionString
{
    public EndpointReference Client => new(this, BrokerEndpoints.Client);

    public ReferenceExpression ConnectionStringExpression => connectionString(this);
}

/// <summary>The endpoint names every broker resource uses.</summary>
public static class BrokerEndpoints
{
    /// <summary>Where clients connect.</summary>
    public const string Client = "client";

    /// <summary>Where the broker serves its own metrics or monitoring, for the collector.</summary>
    public const string Metrics = "metrics";
}
