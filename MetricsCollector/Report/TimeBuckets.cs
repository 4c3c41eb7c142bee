namespace MeshAspire.MetricsCollector.Report;

/// <summary>The width of the time buckets a chart sums or reduces messages into: 1, 2 or 5 times a power of ten seconds.</summary>
public static class TimeBuckets
{
    /// <summary>The narrowest such width that cuts <paramref name="spanSeconds"/> into at most <paramref name="maxBuckets"/>, and no narrower than <paramref name="minimumSeconds"/>.</summary>
    public static double Width(double spanSeconds, int maxBuckets, double minimumSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumSeconds);
        var wanted = Math.Max(spanSeconds / maxBuckets, minimumSeconds);
        var power = Math.Pow(10, Math.Floor(Math.Log10(wanted)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            var width = step * power;
            if (width >= wanted * (1 - 1e-9))
            {
                return width;
            }
        }

        return 10 * power;
    }

    /// <summary>The bucket a time falls into, counted from <paramref name="originNanos"/>; times before the origin fall into bucket 0.</summary>
    public static int IndexOf(long nanos, long originNanos, double widthSeconds) =>
        nanos <= originNanos ? 0 : (int)((nanos - originNanos) / 1e9 / widthSeconds);
}
