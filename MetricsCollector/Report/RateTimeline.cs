namespace MeshAspire.MetricsCollector.Report;

/// <summary>Messages per second in one time bucket.</summary>
public sealed record RatePoint(double StartSeconds, double PerSecond);

/// <summary>
/// A rate over time: events counted per bucket and divided by the bucket's width. The last bucket is divided by the
/// part of it the events span (to one mean interval after the last event), so a run that ends mid-bucket does not
/// show a false drop at its end.
/// </summary>
public static class RateTimeline
{
    public static IReadOnlyList<RatePoint> Reduce(long originNanos, ReadOnlySpan<long> nanos, double bucketSeconds)
    {
        if (nanos.IsEmpty)
        {
            return [];
        }

        long first = long.MaxValue, last = long.MinValue;
        foreach (var t in nanos)
        {
            first = Math.Min(first, t);
            last = Math.Max(last, t);
        }

        var counts = new long[TimeBuckets.IndexOf(last, originNanos, bucketSeconds) + 1];
        foreach (var t in nanos)
        {
            counts[TimeBuckets.IndexOf(t, originNanos, bucketSeconds)]++;
        }

        var meanInterval = nanos.Length > 1 ? (last - first) / 1e9 / (nanos.Length - 1) : bucketSeconds;
        var end = (last - originNanos) / 1e9 + meanInterval;
        var points = new RatePoint[counts.Length];
        for (var b = 0; b < counts.Length; b++)
        {
            var start = b * bucketSeconds;
            var width = Math.Min(bucketSeconds, end - start);
            points[b] = new RatePoint(start, width > 0 ? counts[b] / width : 0);
        }

        return points;
    }
}
