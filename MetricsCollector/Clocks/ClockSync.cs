using System.Text.Json;
using MeshAspire.MetricsCollector.Collection;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.MetricsCollector.Clocks;

/// <summary>
/// Measures every component's clock against the collector's, NTP-style: a burst of probes to its /clock, of which the
/// one with the least delay gives the offset and its error bound. Once before the run and once after it.
/// </summary>
public static class ClockSync
{
    public const int ProbesPerReading = 16;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads each component's clock as soon as it answers: components still starting are waited for until
    /// <paramref name="stopWaiting"/>; those that never answered have no reading. Bursts never overlap.
    /// </summary>
    public static async Task<ClockReading?[]> BeforeRunAsync(
        IReadOnlyList<ComponentClient> components, TimeSpan retryInterval, CancellationToken stopWaiting, CancellationToken cancellationToken)
    {
        using var oneBurstAtATime = new SemaphoreSlim(1);
        return await Task.WhenAll(components.Select(async component =>
        {
            while (true)
            {
                await oneBurstAtATime.WaitAsync(cancellationToken);
                try
                {
                    if (await ReadAsync(component, cancellationToken) is { } reading)
                    {
                        return reading;
                    }
                }
                finally
                {
                    oneBurstAtATime.Release();
                }

                try
                {
                    await Task.Delay(retryInterval, stopWaiting);
                }
                catch (OperationCanceledException) when (stopWaiting.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return null;
                }
            }
        }));
    }

    /// <summary>Reads each component's clock once, one after the other; null for a component that does not answer.</summary>
    public static async Task<ClockReading?[]> AfterRunAsync(IReadOnlyList<ComponentClient> components, CancellationToken cancellationToken)
    {
        var readings = new ClockReading?[components.Count];
        for (var i = 0; i < components.Count; i++)
        {
            readings[i] = await ReadAsync(components[i], cancellationToken);
        }

        return readings;
    }

    /// <summary>Every component's clock, in the order of <paramref name="components"/>.</summary>
    public static IReadOnlyList<ComponentClock> Combine(IReadOnlyList<ComponentClient> components, ClockReading?[] before, ClockReading?[] after) =>
        components.Select((component, i) => new ComponentClock(component.Component.RootName, before[i], after[i])).ToArray();

    /// <summary>Up to <see cref="ProbesPerReading"/> probes, stopping at the first that fails; null when none was answered.</summary>
    private static async Task<ClockReading?> ReadAsync(ComponentClient component, CancellationToken cancellationToken)
    {
        var probes = new List<ClockProbe>(ProbesPerReading);
        for (var i = 0; i < ProbesPerReading; i++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try
            {
                probes.Add(await component.ProbeClockAsync(timeout.Token));
            }
            catch (Exception error) when (error is HttpRequestException or InvalidDataException or JsonException
                                          || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                break;
            }
        }

        return ClockReading.FromProbes(probes);
    }
}
