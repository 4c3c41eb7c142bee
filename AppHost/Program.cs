using MeshAspire.AppHost;
using MeshAspire.AppHost.Brokers;
using MeshAspire.AppHost.Kubernetes;
using MeshAspire.AppHost.RunStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var options = AppHostOptions.Parse(args);
var (run, errors) = WorkflowRun.Prepare(options);
if (run is null)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine(error);
    }

    return WorkflowRun.BadInputExitCode;
}

var (publishOptions, aspireArguments, publishErrors) = KubernetesPublishOptions.Parse(options.AspireArguments);
var builder = DistributedApplication.CreateBuilder(aspireArguments);

// Publish: Kubernetes manifests per mesh and cluster, from the same scenario (AppHost/Kubernetes)
if (builder.ExecutionContext.IsPublishMode || publishOptions.AnyGiven)
{
    return KubernetesPublishing.Publish(builder, run, publishOptions, publishErrors);
}

// Broker: only for an async transport; a container, else the broker's program, else no run at all
var (hosting, brokerError) = BrokerHosting.Choose(run.Scenario.Settings.Transport, ContainerRuntime.Answers, ExecutableSearch.Find);
if (brokerError is not null)
{
    Console.Error.WriteLine($"{run.ScenarioPath}: {brokerError}");
    return WorkflowRun.BadInputExitCode;
}

var broker = hosting is null ? null : builder.AddBroker(run, hosting);

// Run store: with --store postgres, PostgreSQL as a container, else Debian's postgres, else no run at all
IResourceBuilder<IResourceWithConnectionString>? runStore = null;
if (options.Store == RunStoreKind.Postgres)
{
    var (storeHosting, storeError) = RunStoreHosting.Choose(ContainerRuntime.Answers, PostgresPrograms.Find);
    (runStore, storeError) = storeHosting is null ? (null, storeError) : builder.AddRunStore(storeHosting, RunStoreHome.From(builder.Configuration));
    if (runStore is null)
    {
        Console.Error.WriteLine(storeError);
        return WorkflowRun.BadInputExitCode;
    }
}

// Workflow: trigger -> action... -> conclusion, one project resource per component
var chain = builder.AddWorkflowChain(run, broker);

// Metrics: the collector follows the run, scrapes every component and the broker, and keeps the run; the trigger
// starts once it is up
var serveAfterRun = builder.Configuration.GetValue(WorkflowResourceExtensions.CollectorServesAfterRunKey, !options.ExitWhenDone);
var collector = builder.AddRunCollector(run, chain, broker, runStore, serveAfterRun);
chain[0].WaitFor(collector);

if (options.ExitWhenDone)
{
    builder.Services.AddSingleton(run);
    builder.Services.AddHostedService<RunCompletion>();
}

builder.Build().Run();
return Environment.ExitCode;
