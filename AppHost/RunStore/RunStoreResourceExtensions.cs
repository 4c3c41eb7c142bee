namespace MeshAspire.AppHost.RunStore;

/// <summary>PostgreSQL for <c>--store postgres</c>, as a container or as Debian's <c>postgres</c>; runs persist between app host runs.</summary>
internal static class RunStoreResourceExtensions
{
    /// <returns>The resource, or why PostgreSQL cannot be prepared here (the data folder could not be initialised).</returns>
    public static (IResourceBuilder<IResourceWithConnectionString>? RunStore, string? Error) AddRunStore(
        this IDistributedApplicationBuilder builder, RunStoreHosting hosting, RunStoreHome home)
    {
        var password = builder.AddParameter($"{RunStoreResource.Name}-password", home.Password, secret: true).Resource;
        if (hosting.InContainer)
        {
            return (builder.AddResource(new RunStoreContainerResource(password))
                .WithImage("library/postgres", "17")
                .WithEnvironment("POSTGRES_USER", RunStoreHome.User)
                .WithEnvironment("POSTGRES_PASSWORD", password)
                .WithVolume("meshaspire-runstore", "/var/lib/postgresql/data")
                .WithEndpoint(name: RunStoreResource.Endpoint, targetPort: 5432, scheme: "tcp"), null);
        }

        if (builder.ExecutionContext.IsRunMode && home.Initialise(hosting.Binaries!) is { } error)
        {
            return (null, $"{AppHostOptions.StoreFlag} postgres: cannot initialise {home.Data}: {error}");
        }

        var command = RunStoreHome.AsServerUser(Path.Combine(hosting.Binaries!, "postgres"));
        var resource = new RunStoreExecutableResource(command[0], home.Folder, password);
        var postgres = builder.AddResource(resource)
            .WithEndpoint(name: RunStoreResource.Endpoint, scheme: "tcp", isProxied: false);
        postgres.WithArgs(context =>
        {
            foreach (var argument in command[1..])
            {
                context.Args.Add(argument);
            }

            context.Args.Add("-D");
            context.Args.Add(home.Data);
            context.Args.Add("-p");
            context.Args.Add(resource.Tcp.Property(EndpointProperty.TargetPort));
            context.Args.Add("-k");
            context.Args.Add(home.Sockets);
            context.Args.Add("-c");
            context.Args.Add("listen_addresses=127.0.0.1");
        });
        return (postgres, null);
    }
}
