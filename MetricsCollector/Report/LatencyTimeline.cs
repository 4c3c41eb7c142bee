namespace MeshAspire.MetricsCollector.Report;

/// <summary>One time bucket of end-to-end latencies: exact order statistics of the messages intended in it.</summary>
public sealed record LatencyBucket(double StartSeconds, int Count, double MinMs, double P50Ms, double P99Ms, double MaxMs);

/// <summary>
/// End-to-end latency over time, by intended send time. Every message when there are at most
/// <see cref="EveryMessageLimit"/>; always buckets of <see cref="BucketSeconds"/> with min, p50, p99 and max (nearest
/// rank, from the messages themselves, not from a histogram), which is what a chart of a million messages shows.
/// </summary>
public sealed record LatencyTimeline(double BucketSeconds, IReadOnlyList<LatencyBucket> Buckets, IReadOnlyList<(double Seconds, double Ms)>? EveryMessage)
{
    public const int EveryMessageLimit = 10_000;

    /// <param name="intendedNanos">Each delivered message's intended send time (Unix ns).</param>
    /// <param name="latencyMs">Its end-to-end latency, at the same index.</param>
    public static LatencyTimeline Reduce(long originNanos, ReadOnlySpan<long> intendedNanos, ReadOnlySpan<double> latencyMs, double bucketSeconds)
    {
        if (intendedNanos.Length != latencyMs.Length)
        {
            throw new ArgumentException("one latency per intended time", nameof(latencyMs));
        }

        var count = intendedNanos.Length;
        var bucketOf = new int[count];
        var buckets = 0;
        for (var i = 0; i < count; i++)
        {
            bucketOf[i] = TimeBuckets.IndexOf(intendedNanos[i], originNanos, bucketSeconds);
            buckets = Math.Max(buckets, bucketOf[i] + 1);
        }

        var starts = new int[buckets + 1];
        foreach (var bucket in bucketOf)
        {
            starts[bucket + 1]++;
        }

        for (var b = 0; b < buckets; b++)
        {
            starts[b + 1] += starts[b];
        }

        var sorted = new double[count];
        var next = (int[])starts.Clone();
        for (var i = 0; i < count; i++)
        {
            sorted[next[bucketOf[i]]++] = latencyMs[i];
        }

        var reduced = new List<LatencyBucket>(buckets);
        for (var b = 0; b < buckets; b++)
        {
            var values = sorted.AsSpan(starts[b], starts[b + 1] - starts[b]);
            if (values.IsEmpty)
            {
                continue;
            }

            values.Sort();
            reduced.Add(new LatencyBucket(b * bucketSeconds, values.Length, values[0], NearestRank(values, 50), NearestRank(values, 99), values[^1]));
        }

        return new LatencyTimeline(bucketSeconds, reduced, count <= EveryMessageLimit ? Points(originNanos, intendedNanos, latencyMs) : null);
    }

    /// <summary>The smallest value with at least <paramref name="percentile"/>% of the values at or below it.</summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static List<(double Seconds, double Ms)> Points(long originNanos, ReadOnlySpan<long> intendedNanos, ReadOnlySpan<double> latencyMs)
    {
        var points = new List<(double Seconds, double Ms)>(intendedNanos.Length);
        for (var i = 0; i < intendedNanos.Length; i++)
        {
            points.Add(((intendedNanos[i] - originNanos) / 1e9, latencyMs[i]));
        }

        points.Sort((a, b) => a.Seconds.CompareTo(b.Seconds));
        return points;
    }
}
