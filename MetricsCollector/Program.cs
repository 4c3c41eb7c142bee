using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Logging.QuietPerRequestLogging();
builder.AddRunCollection();

using var host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
