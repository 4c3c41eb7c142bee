using MeshAspire.MetricsCollector;
using MeshAspire.MetricsCollector.Report;

if (args.Length > 0 && args[0] == ReportCommand.Name)
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return await ReportCommand.RunAsync(args[1..], configuration, Console.Out, Console.Error, CancellationToken.None);
}

await using var app = CollectorHost.Build(args);
await app.RunAsync();
return Environment.ExitCode;
