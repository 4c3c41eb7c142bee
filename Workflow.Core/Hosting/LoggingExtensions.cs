using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// ASP.NET Core, gRPC and HttpClient log every request at Information: one message is one request here, so
    /// those logs would cost more than the hop they describe. Warnings and errors still show, except the health
    /// service's error per unready poll: a component waiting for its topic is not failing, and says so itself.
    /// </summary>
    public static ILoggingBuilder QuietPerRequestLogging(this ILoggingBuilder logging) =>
        logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
}
