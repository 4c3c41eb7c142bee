using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Resources;
using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Tests.Brokers;
using MeshAspire.MetricsCollector.Tests.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Resources;

/// <summary>Each kind of target's own CPU and memory, read from the captured and documented expositions.</summary>
public sealed class ProcessUsageTests
{
    [Theory]
    [InlineData("otel-dotnet-1.20.1-text", ExpositionFormat.PrometheusText, 0.616239 + 0.382457, 84340736)]
    [InlineData("otel-dotnet-1.20.1-openmetrics", ExpositionFormat.OpenMetrics, 0.647651 + 0.421729, 85598208)]
    public void Our_components_cpu_is_the_sum_of_the_process_instrumentations_modes_and_memory_its_usage(
        string fixture, ExpositionFormat format, double cpuSeconds, double memory)
    {
        var usage = Read(ExpositionFixtures.Parse(fixture, format));

        Assert.Equal(cpuSeconds, usage.CpuSeconds!.Value, 9);
        Assert.Null(usage.CpuCores);
        Assert.Equal(memory, usage.MemoryBytes);
    }

    [Fact]
    public void Rabbitmqs_cpu_is_the_erlang_runtime_and_memory_its_resident_set()
    {
        var usage = Read(ExpositionFixtures.Parse("rabbitmq-3.10.8-metrics", ExpositionFormat.PrometheusText));

        Assert.Equal(3.639, usage.CpuSeconds!.Value, 9);
        Assert.Equal(136216576, usage.MemoryBytes);
    }

    [Fact]
    public void A_prometheus_client_process_such_as_linkerd_proxy_is_read_by_the_clients_convention()
    {
        var usage = Read(ExpositionFixtures.Parse("linkerd-proxy-documented", ExpositionFormat.PrometheusText));

        Assert.Equal(4.27, usage.CpuSeconds);
        Assert.Equal(23564288, usage.MemoryBytes);
    }

    [Fact]
    public void Natss_cpu_is_its_own_percentage_of_one_core_as_cores()
    {
        var text = PrometheusTextFormat.Write(NatsVarzConverter.Convert(NatsFixtures.Json("varz")));

        var usage = Read(PrometheusTextParser.Parse(text, ExpositionFormat.PrometheusText));

        Assert.Null(usage.CpuSeconds);
        Assert.Equal(0.03, usage.CpuCores!.Value, 9);
        Assert.Equal(13717504, usage.MemoryBytes);
    }

    [Fact]
    public void A_target_without_process_metrics_has_no_usage()
    {
        var usage = Read(ExpositionFixtures.Parse("envoy-documented", ExpositionFormat.PrometheusText));

        Assert.Equal(new ProcessUsage(null, null, null), usage);
    }

    private static ProcessUsage Read(ExpositionParseResult parsed) =>
        ProcessUsage.Read(parsed.Families.SelectMany(f => f.Samples).ToArray());
}
