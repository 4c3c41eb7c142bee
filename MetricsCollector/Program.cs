using MeshAspire.MetricsCollector.Collection;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddRunCollection();

using var host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
