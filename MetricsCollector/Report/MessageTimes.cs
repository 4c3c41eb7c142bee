using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// The times the report's charts are drawn from, taken from a run's rows as the accounting takes them: warm-up
/// (repetition 0) left out, the conclusion's first arrival of each message before the drain deadline, every stamp
/// moved to the collector's clock by its component's measured offset before two clocks' stamps are compared.
/// </summary>
/// <param name="OriginNanos">The first measured intended send time: time 0 of every chart of the run.</param>
/// <param name="IntendedNanos">Every measured message the trigger has a row for (sent or not): the target.</param>
/// <param name="SentNanos">Every measured message the trigger sent.</param>
/// <param name="DeliveredIntendedNanos">Each delivered message's intended send time, beside <paramref name="DeliveredLatencyMs"/>.</param>
public sealed record MessageTimes(
    long OriginNanos,
    long[] IntendedNanos,
    long[] SentNanos,
    long[] DeliveredIntendedNanos,
    double[] DeliveredLatencyMs)
{
    public static MessageTimes From(RunRecords records)
    {
        var clocks = records.Corrections();
        var rows = (int)(records.Trigger?.Records.Count ?? 0);
        var intended = new List<long>(rows);
        var sent = new List<long>(rows);
        if (records.Trigger is { } trigger)
        {
            for (long i = 0; i < trigger.Records.Count; i++)
            {
                ref var row = ref trigger.Records[i];
                if (row.Repetition == 0 || row.IntendedNanos == 0)
                {
                    continue;
                }

                intended.Add(clocks[0].ToCollectorClock(row.IntendedNanos));
                if (row.SentNanos != 0)
                {
                    sent.Add(clocks[0].ToCollectorClock(row.SentNanos));
                }
            }
        }

        var deliveredIntended = new List<long>(rows);
        var latencies = new List<double>(rows);
        if (records.Conclusion is { } conclusion)
        {
            var seen = new SequenceSet();
            for (long i = 0; i < conclusion.Records.Count; i++)
            {
                ref var row = ref conclusion.Records[i];
                var done = clocks[records.ConclusionIndex].ToCollectorClock(row.ForwardedNanos);
                if (row.Repetition == 0 || records.IsAfterDrain(done)
                    || row.Outcome.HasFlag(MessageOutcome.Duplicate) || !seen.Add(row.Sequence))
                {
                    continue;
                }

                var intendedAt = clocks[0].ToCollectorClock(row.IntendedNanos);
                deliveredIntended.Add(intendedAt);
                latencies.Add((done - intendedAt) / 1e6);
            }
        }

        var origin = intended.Count > 0 ? intended.Min() : deliveredIntended.Count > 0 ? deliveredIntended.Min() : 0;
        return new MessageTimes(origin, [.. intended], [.. sent], [.. deliveredIntended], [.. latencies]);
    }

    /// <summary>Seconds from the first intended send to the last send or intended time, whichever is later.</summary>
    public double SpanSeconds
    {
        get
        {
            long last = OriginNanos;
            foreach (var t in IntendedNanos)
            {
                last = Math.Max(last, t);
            }

            foreach (var t in SentNanos)
            {
                last = Math.Max(last, t);
            }

            return (last - OriginNanos) / 1e9;
        }
    }
}
