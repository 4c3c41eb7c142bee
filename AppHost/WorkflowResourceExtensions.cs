using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.AppHost;

/// <summary>The scenario's components and the collector as Aspire resources.</summary>
internal static class WorkflowResourceExtensions
{
    public const string HttpEndpoint = "http";
    public const string CollectorName = "collector";
    public const string ReportUrlName = "report";

    /// <summary>
    /// Whether the collector keeps serving /report and /metrics after the run: yes in an interactive run (the
    /// dashboard links to the report), no with --exit-when-done. Set on the app host's command line to override.
    /// </summary>
    public const string CollectorServesAfterRunKey = "Collector:ServeAfterRun";

    /// <summary>
    /// One project resource per component, named after its rootname, from the conclusion back to the trigger so
    /// that each can reference its next hop (service discovery) and wait for it to be healthy: on an async
    /// transport, healthy means subscribed to its topic, so nothing is published before its consumer exists.
    /// Returns them in chain order.
    /// </summary>
    /// <param name="broker">The broker of an async transport: every component references it and waits for it.</param>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddWorkflowChain(
        this IDistributedApplicationBuilder builder, WorkflowRun run, IResourceBuilder<IResourceWithConnectionString>? broker)
    {
        var transport = run.Scenario.Settings.Transport;
        var hopEndpoint = transport.IsSynchronous() ? HopAddress.EndpointNameFor(transport) : null;
        var chain = new List<IResourceBuilder<ProjectResource>>();
        IResourceBuilder<ProjectResource>? next = null;
        foreach (var component in run.Scenario.Chain.Reverse())
        {
            var resource = component.Role switch
            {
                ComponentRole.Trigger => builder.AddProject<Projects.Workflow_Trigger>(component.RootName),
                ComponentRole.Action => builder.AddProject<Projects.Workflow_Action>(component.RootName),
                _ => builder.AddProject<Projects.Workflow_Conclusion>(component.RootName),
            };

            resource
                .WithWorkflowSettings(run, component.RootName)
                .WithHttpEndpoint(name: HttpEndpoint, env: EnvironmentName(WorkflowOptions.HttpPort), isProxied: false)
                .WithHttpHealthCheck("/health", endpointName: HttpEndpoint);

            if (broker is not null)
            {
                resource.WithReference(broker).WaitFor(broker);
            }

            if (hopEndpoint is not null && component.Role != ComponentRole.Trigger)
            {
                resource.WithEndpoint(
                    name: hopEndpoint,
                    scheme: transport == TransportKind.Tcp ? "tcp" : "http",
                    env: EnvironmentName(WorkflowOptions.HopPort),
                    isProxied: false);
            }

            if (next is not null && hopEndpoint is not null)
            {
                resource.WithReference(next.GetEndpoint(hopEndpoint));
            }

            if (next is not null)
            {
                resource.WaitFor(next);
            }

            chain.Insert(0, resource);
            next = resource;
        }

        return chain;
    }

    /// <summary>
    /// The collector: it scrapes every component's and the broker's metrics while the run goes on, then pulls every
    /// component's records and writes the results. It serves its own /metrics and the run's report (a dashboard link).
    /// </summary>
    /// <param name="broker">The run's broker, if any: the collector scrapes its metrics endpoint while the run goes on.</param>
    /// <param name="runStore">PostgreSQL for the run (<c>ConnectionStrings:runstore</c>), if any; files otherwise.</param>
    /// <param name="serveAfterRun">Whether the collector stays up after the run to serve the report.</param>
    public static IResourceBuilder<ProjectResource> AddRunCollector(
        this IDistributedApplicationBuilder builder,
        WorkflowRun run,
        IReadOnlyList<IResourceBuilder<ProjectResource>> chain,
        IResourceBuilder<IResourceWithConnectionString>? broker,
        IResourceBuilder<IResourceWithConnectionString>? runStore,
        bool serveAfterRun)
    {
        var collector = builder.AddProject<Projects.MetricsCollector>(CollectorName)
            .WithEnvironment(EnvironmentName(WorkflowOptions.Scenario), run.ScenarioPath)
            .WithEnvironment(EnvironmentName(WorkflowOptions.RunId), run.Id)
            .WithEnvironment("Collector__Results", run.ResultsFolder)
            .WithEnvironment(EnvironmentName(CollectorServesAfterRunKey), serveAfterRun ? "true" : "false")
            .WithHttpEndpoint(name: HttpEndpoint)
            .WithUrlForEndpoint(HttpEndpoint, _ => new ResourceUrlAnnotation { Url = "/report", DisplayText = ReportUrlName });
        foreach (var component in chain)
        {
            collector.WithReference(component.GetEndpoint(HttpEndpoint));
        }

        if (broker?.Resource is IResourceWithEndpoints withEndpoints
            && withEndpoints.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == Brokers.BrokerEndpoints.Metrics))
        {
            collector.WithReference(new EndpointReference(withEndpoints, Brokers.BrokerEndpoints.Metrics));
        }

        if (broker is not null)
        {
            // Scraping starts with the collector: a broker still booting would only leave failed scrapes.
            collector.WaitFor(broker);
        }

        if (runStore is not null)
        {
            collector.WithReference(runStore).WaitFor(runStore);
        }

        return collector;
    }

    private static IResourceBuilder<ProjectResource> WithWorkflowSettings(this IResourceBuilder<ProjectResource> resource, WorkflowRun run, string rootName) =>
        resource
            .WithEnvironment(EnvironmentName(WorkflowOptions.Scenario), run.ScenarioPath)
            .WithEnvironment(EnvironmentName(WorkflowOptions.Component), rootName)
            .WithEnvironment(EnvironmentName(WorkflowOptions.RunId), run.Id)
            .WithEnvironment(EnvironmentName(WorkflowOptions.ListenAddress), "127.0.0.1");

    private static string EnvironmentName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);
}
