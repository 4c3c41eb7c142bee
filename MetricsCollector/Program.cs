using MeshAspire.MetricsCollector.Collection;
using MeshAspire.MetricsCollector.Report;
using MeshAspire.Workflow.Hosting;

if (args.Length > 0 && args[0] == ReportCommand.Name)
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return await ReportCommand.RunAsync(args[1..], configuration, Console.Out, Console.Error, CancellationToken.None);
}

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Logging.QuietPerRequestLogging();
builder.AddRunCollection();

using var host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
