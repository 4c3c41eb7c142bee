using System.Collections.Concurrent;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>The page template, its style and script, and the vendored uPlot, embedded in the collector's assembly.</summary>
internal static class ReportResources
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Text(string name) => Cache.GetOrAdd(name, static name =>
    {
        using var stream = typeof(ReportResources).Assembly.GetManifestResourceStream("MeshAspire.Report." + name)
                           ?? throw new InvalidOperationException($"the collector was built without its report resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
