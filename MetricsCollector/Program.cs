using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Hosting;

var builder = WebApplication.CreateBuilder(CollectorArguments.Translate(args));
builder.AddServiceDefaults();
builder.Logging.QuietPerRequestLogging();
builder.AddRunCollection();

await using var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReport();
await app.RunAsync();
return Environment.ExitCode;
