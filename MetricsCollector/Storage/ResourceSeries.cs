namespace MeshAspire.MetricsCollector.Storage;

/// <summary>
/// The normalised resource-usage series every source is turned into (metrics.k8s.io in a cluster, each process's own
/// metrics locally), so the report reads one shape. Labels: <see cref="Component"/> (the rootname, or the broker's
/// name), <see cref="Container"/> (container or process name), <see cref="Role"/> (one of the role values).
/// </summary>
public static class ResourceSeries
{
    /// <summary>CPU in cores (1.0 = one core busy), averaged over the time since the previous sample where a counter was read.</summary>
    public const string CpuCores = "meshaspire_resource_cpu_cores";

    /// <summary>Resident or working-set memory in bytes.</summary>
    public const string MemoryBytes = "meshaspire_resource_memory_bytes";

    public const string Component = "component";
    public const string Container = "container";
    public const string Role = "role";
    public const string Node = "node";

    public const string ApplicationRole = "application";
    public const string SidecarRole = "sidecar";
    public const string BrokerRole = "broker";
    public const string CollectorRole = "collector";
}
