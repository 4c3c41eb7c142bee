using MeshAspire.AppHost;
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

var builder = DistributedApplication.CreateBuilder(options.AspireArguments);

// Workflow: trigger -> action... -> conclusion, one project resource per component
var chain = builder.AddWorkflowChain(run);

// Metrics: the collector follows the run; the trigger starts once it is up
var collector = builder.AddRunCollector(run, chain);
chain[0].WaitFor(collector);

if (options.ExitWhenDone)
{
    builder.Services.AddSingleton(run);
    builder.Services.AddHostedService<RunCompletion>();
}

builder.Build().Run();
return Environment.ExitCode;
