using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Resources;

/// <summary>
/// A process's own CPU and memory as its metrics tell them: CPU either as a counter of CPU seconds (turned into cores
/// by <see cref="CpuRate"/>) or as cores already averaged by the process, and resident memory in bytes.
/// </summary>
public readonly record struct ProcessUsage(double? CpuSeconds, double? CpuCores, double? MemoryBytes)
{
    /// <summary>
    /// Reads the names each kind of target uses: OpenTelemetry's process instrumentation (our components:
    /// <c>process_cpu_time_seconds_total</c> per <c>cpu_mode</c>, <c>process_memory_usage_bytes</c>), the Prometheus
    /// clients' convention (<c>process_cpu_seconds_total</c>, <c>process_resident_memory_bytes</c>: linkerd-proxy and
    /// most exporters), RabbitMQ (<c>erlang_vm_statistics_runtime_milliseconds</c>, the CPU time of every Erlang
    /// thread, and <c>rabbitmq_process_resident_memory_bytes</c>) and NATS's converted varz (<c>nats_varz_cpu</c> in
    /// percent of one core, <c>nats_varz_mem</c>).
    /// </summary>
    public static ProcessUsage Read(IReadOnlyList<MetricSample> samples)
    {
        double? otelCpu = null, promCpu = null, erlangMs = null, natsCpu = null;
        double? otelMemory = null, promMemory = null, rabbitMemory = null, natsMemory = null;
        foreach (var sample in samples)
        {
            switch (sample.Name)
            {
                case "process_cpu_time_seconds_total":
                    otelCpu = (otelCpu ?? 0) + sample.Value;
                    break;
                case "process_cpu_seconds_total":
                    promCpu = (promCpu ?? 0) + sample.Value;
                    break;
                case "erlang_vm_statistics_runtime_milliseconds":
                    erlangMs = sample.Value;
                    break;
                case "nats_varz_cpu":
                    natsCpu = sample.Value;
                    break;
                case "process_memory_usage_bytes":
                    otelMemory = sample.Value;
                    break;
                case "process_resident_memory_bytes":
                    promMemory = sample.Value;
                    break;
                case "rabbitmq_process_resident_memory_bytes":
                    rabbitMemory = sample.Value;
                    break;
                case "nats_varz_mem":
                    natsMemory = sample.Value;
                    break;
            }
        }

        return new ProcessUsage(
            otelCpu ?? promCpu ?? erlangMs / 1000,
            natsCpu / 100,
            otelMemory ?? promMemory ?? rabbitMemory ?? natsMemory);
    }
}
