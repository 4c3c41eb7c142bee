namespace MeshAspire.AppHost.RunStore;

/// <summary>The run store's PostgreSQL as an Aspire resource: <c>runstore</c>, whose connection string the collector gets.</summary>
internal static class RunStoreResource
{
    public const string Name = "runstore";
    public const string Endpoint = "tcp";
}

/// <summary>PostgreSQL run from its program on this machine, on loopback.</summary>
internal sealed class RunStoreExecutableResource(string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(RunStoreResource.Name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Tcp => new(this, RunStoreResource.Endpoint);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Tcp.Property(EndpointProperty.TargetPort)};Username={RunStoreHome.User};Password={password};Database=postgres");
}

/// <summary>PostgreSQL run as a container.</summary>
internal sealed class RunStoreContainerResource(ParameterResource password) : ContainerResource(RunStoreResource.Name), IResourceWithConnectionString
{
    public EndpointReference Tcp => new(this, RunStoreResource.Endpoint);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"Host={Tcp.Property(EndpointProperty.Host)};Port={Tcp.Property(EndpointProperty.Port)};Username={RunStoreHome.User};Password={password};Database=postgres");
}
