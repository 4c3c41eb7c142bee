using System.Diagnostics.Metrics;

namespace MeshAspire.MetricsCollector.Tests;

/// <summary>A meter factory for instruments made outside a host; its meters are disposed with it.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
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
