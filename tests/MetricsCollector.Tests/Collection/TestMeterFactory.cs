using System.Diagnostics.Metrics;

namespace MeshAspire.MetricsCollector.Tests;

/// <summary>
/// A meter factory for instruments made outside a host; its meters are disposed with it. Each meter gets a name of
/// its own: a meter is seen by every listener in the process that asks for its name, and the collector host under
/// test (CollectorHostTests) must read only its own instruments, not those of tests running beside it.
/// </summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions($"{options.Name}.test-{Guid.NewGuid():N}") { Version = options.Version, Tags = options.Tags, Scope = this });
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
