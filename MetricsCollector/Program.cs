using MeshAspire.MetricsCollector;

await using var app = CollectorHost.Build(args);
await app.RunAsync();
return Environment.ExitCode;
