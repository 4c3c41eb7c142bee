using HdrHistogram;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Accounting;

/// <summary>
/// Turns every component's rows into the run's summary: loss, duplicates and reordering from sequence numbers,
/// latencies from the intended send time, warm-up (repetition 0) left out of everything. Where two stamps of
/// different components are compared (end-to-end, transit, the drain cut, the run's start and end), each is first moved
/// to the collector's clock by its component's measured offset (<see cref="RunRecords.Clocks"/>); spans on one clock
/// (service time, round trip, reply, generator lag) are taken as they are.
/// </summary>
public static class RunAccounting
{
    public static RunAnalysis Analyze(Scenario scenario, string runId, RunRecords records, IEnumerable<string> collectionNotes)
    {
        var notes = new List<string>(collectionNotes);
        var clocks = records.Corrections();
        var settings = scenario.Settings;
        var histograms = new List<NamedHistogram>();
        var repetitions = Enumerable.Range(1, settings.Repetitions).ToDictionary(r => r, r => new RepetitionTally());

        var generatorLag = LatencyHistograms.Create();
        var reply = LatencyHistograms.Create();
        var sending = new RateSpan();
        long sent = 0, sendFailed = 0;
        if (records.Trigger is { } trigger)
        {
            for (long i = 0; i < trigger.Records.Count; i++)
            {
                ref var row = ref trigger.Records[i];
                if (row.SentNanos == 0 || row.Repetition == 0)
                {
                    continue;
                }

                sent++;
                var sentAt = clocks[0].ToCollectorClock(row.SentNanos);
                Tally(repetitions, row.Repetition, notes).Sending.Add(sentAt);
                sending.Add(sentAt);
                if (row.Outcome.HasFlag(MessageOutcome.SendFailed))
                {
                    sendFailed++;
                }

                LatencyHistograms.RecordNanos(generatorLag, row.SentNanos - row.IntendedNanos);
                if (row.ReceivedNanos > 0 && !records.IsAfterDrain(clocks[0].ToCollectorClock(row.ReceivedNanos)))
                {
                    LatencyHistograms.RecordNanos(reply, row.ReceivedNanos - row.IntendedNanos);
                }
            }
        }

        var endToEnd = LatencyHistograms.Create();
        var transits = records.Chain.Skip(1).Select(_ => LatencyHistograms.Create()).ToArray();
        var arriving = new RateSpan();
        long received = 0, duplicates = 0, reordered = 0, negative = 0, late = 0;
        var last = records.ConclusionIndex;
        if (records.Conclusion is { } conclusion)
        {
            var seen = new SequenceSet();
            long highest = -1;
            for (long i = 0; i < conclusion.Records.Count; i++)
            {
                ref var row = ref conclusion.Records[i];
                if (row.Repetition == 0)
                {
                    continue;
                }

                var done = clocks[last].ToCollectorClock(row.ForwardedNanos);
                if (records.IsAfterDrain(done))
                {
                    late++;
                    continue;
                }

                if (row.Outcome.HasFlag(MessageOutcome.Duplicate) || !seen.Add(row.Sequence))
                {
                    duplicates++;
                    continue;
                }

                received++;
                if (row.Sequence < highest)
                {
                    reordered++;
                }

                highest = Math.Max(highest, row.Sequence);
                arriving.Add(done);
                var latency = done - clocks[0].ToCollectorClock(row.IntendedNanos);
                negative += latency < 0 ? 1 : 0;
                LatencyHistograms.RecordNanos(endToEnd, latency);
                var tally = Tally(repetitions, row.Repetition, notes);
                tally.Arriving.Add(done);
                LatencyHistograms.RecordNanos(tally.EndToEnd, latency);
                RecordTransits(transits, clocks, row, conclusion.Records.StampsOf(i));
            }
        }

        if (late > 0)
        {
            notes.Add($"{late} arrivals came after the drain timeout and are not counted as received");
        }

        if (negative > 0)
        {
            notes.Add($"{negative} end-to-end latencies were negative and recorded as the smallest value (1 ns): the clocks of the trigger and the conclusion disagree{(records.Clocks is null ? "" : " by more than their measured offsets")}");
        }

        if (records.Clocks is { } measured)
        {
            notes.AddRange(ClockSummary.NotesOf(measured));
        }

        var completed = records.Trigger is not null && records.Conclusion is not null;
        histograms.Add(new NamedHistogram(LatencyKind.EndToEnd.ToKey(), endToEnd));
        histograms.Add(new NamedHistogram(LatencyKind.GeneratorLag.ToKey(), generatorLag));
        if (settings.ReplyTopic is not null)
        {
            histograms.Add(new NamedHistogram(LatencyKind.Reply.ToKey(), reply));
        }

        var hops = SummarizeHops(records, clocks, transits, histograms);
        var rate = scenario.Trigger.Operations!;
        var scheduled = Schedules.Create(rate, settings.Duration, settings.Pacing).Count * settings.Repetitions;

        var summary = new RunSummary
        {
            RunId = runId,
            Scenario = scenario.Name,
            Transport = settings.Transport.ToKey(),
            Mesh = settings.Mesh.ToString().ToLowerInvariant(),
            Pacing = settings.Pacing.ToString().ToLowerInvariant(),
            PayloadBytes = settings.PayloadBytes,
            Completed = completed,
            Start = sending.Count > 0 ? UnixClock.ToDateTimeOffset(sending.FirstNanos) : null,
            End = sending.Count + arriving.Count > 0 ? UnixClock.ToDateTimeOffset(Math.Max(arriving.LastNanos, sending.LastNanos)) : null,
            Messages = new MessageCounts(scheduled, sent, sendFailed, received, completed ? sent - received : 0, duplicates, reordered),
            Rate = new RateSummary(
                scheduled / (settings.Duration.TotalSeconds * settings.Repetitions),
                RateOf(repetitions.Values.Select(r => r.Sending)),
                RateOf(repetitions.Values.Select(r => r.Arriving))),
            EndToEnd = LatencySummary.From(endToEnd),
            GeneratorLag = LatencySummary.From(generatorLag),
            Reply = settings.ReplyTopic is null ? null : LatencySummary.From(reply),
            Hops = hops,
            Clocks = records.Clocks?.Select(ClockSummary.Of).ToArray() ?? [],
            EndToEndErrorBoundMs = ClockSummary.SpanBoundMs(records, 0, last),
            Repetitions = repetitions.OrderBy(r => r.Key).Select(r => new RepetitionSummary(
                r.Key,
                r.Value.Sending.Count,
                r.Value.Arriving.Count,
                completed ? r.Value.Sending.Count - r.Value.Arriving.Count : 0,
                LatencySummary.From(r.Value.EndToEnd))).ToArray(),
            Notes = notes,
        };
        return new RunAnalysis(summary, histograms);
    }

    private static RepetitionTally Tally(Dictionary<int, RepetitionTally> repetitions, int repetition, List<string> notes)
    {
        if (!repetitions.TryGetValue(repetition, out var tally))
        {
            notes.Add($"a message of repetition {repetition} arrived, which the scenario does not have");
            tally = repetitions[repetition] = new RepetitionTally();
        }

        return tally;
    }

    /// <summary>
    /// Each link's one-way time from the conclusion's copy of the stamps: receive minus the caller's send, both on the
    /// collector's clock (transit <c>hop</c> ends at chain index <c>hop + 1</c>).
    /// </summary>
    private static void RecordTransits(LongHistogram[] transits, ClockCorrection[] clocks, in MessageRecord row, Span<long> stamps)
    {
        var callerSent = clocks[0].ToCollectorClock(row.SentNanos);
        for (var hop = 0; hop < transits.Length; hop++)
        {
            var isConclusion = hop == transits.Length - 1;
            var receivedAt = clocks[hop + 1].ToCollectorClock(isConclusion ? row.ReceivedNanos : StampOrZero(stamps, 2 * hop));
            if (receivedAt != 0 && callerSent != 0)
            {
                LatencyHistograms.RecordNanos(transits[hop], receivedAt - callerSent);
            }

            callerSent = isConclusion ? 0 : clocks[hop + 1].ToCollectorClock(StampOrZero(stamps, (2 * hop) + 1));
        }
    }

    /// <summary>A stamp the conclusion kept, or 0 when its rows are narrower than the chain (no such stamp).</summary>
    private static long StampOrZero(Span<long> stamps, int index) => index < stamps.Length ? stamps[index] : 0;

    private static List<HopSummary> SummarizeHops(RunRecords records, ClockCorrection[] clocks, LongHistogram[] transits, List<NamedHistogram> histograms)
    {
        var hops = new List<HopSummary>();
        for (var k = 1; k < records.Chain.Count; k++)
        {
            var name = records.Chain[k];
            var caller = records.Components[k - 1];
            var component = records.Components[k];
            var roundTrip = LatencyHistograms.Create();
            long? forwardedByCaller = null;
            if (caller is not null)
            {
                forwardedByCaller = 0;
                var forwarded = new SequenceSet();
                for (long i = 0; i < caller.Records.Count; i++)
                {
                    ref var row = ref caller.Records[i];
                    if (row.Repetition == 0 || row.ForwardedNanos == 0 || records.IsAfterDrain(clocks[k - 1].ToCollectorClock(row.ForwardedNanos)))
                    {
                        continue;
                    }

                    if (!row.Outcome.HasFlag(MessageOutcome.SendFailed) && forwarded.Add(row.Sequence))
                    {
                        forwardedByCaller++;
                    }

                    if (row.Outcome.HasFlag(MessageOutcome.Acknowledged))
                    {
                        LatencyHistograms.RecordNanos(roundTrip, row.AcknowledgedNanos - row.ForwardedNanos);
                    }
                }
            }

            var serviceTime = LatencyHistograms.Create();
            long? received = null;
            if (component is not null)
            {
                var seen = new SequenceSet();
                received = 0;
                for (long i = 0; i < component.Records.Count; i++)
                {
                    ref var row = ref component.Records[i];
                    if (row.Repetition == 0 || records.IsAfterDrain(clocks[k].ToCollectorClock(row.ReceivedNanos))
                        || row.Outcome.HasFlag(MessageOutcome.Duplicate) || !seen.Add(row.Sequence))
                    {
                        continue;
                    }

                    received++;
                    LatencyHistograms.RecordNanos(serviceTime, row.ForwardedNanos - row.ReceivedNanos);
                }
            }

            histograms.Add(new NamedHistogram($"{name}.{LatencyKind.ServiceTime.ToKey()}", serviceTime));
            histograms.Add(new NamedHistogram($"{name}.{LatencyKind.RoundTrip.ToKey()}", roundTrip));
            histograms.Add(new NamedHistogram($"{name}.transit", transits[k - 1]));
            hops.Add(new HopSummary(
                name,
                component?.Role.ToString().ToLowerInvariant() ?? (k == records.Chain.Count - 1 ? "conclusion" : "action"),
                records.Chain[k - 1],
                received,
                forwardedByCaller - received,
                LatencySummary.From(serviceTime),
                LatencySummary.From(roundTrip),
                LatencySummary.From(transits[k - 1]),
                ClockSummary.SpanBoundMs(records, k - 1, k)));
        }

        return hops;
    }

    private static double RateOf(IEnumerable<RateSpan> spans)
    {
        double count = 0, seconds = 0;
        foreach (var span in spans)
        {
            count += span.Count;
            seconds += span.Seconds;
        }

        return seconds > 0 ? count / seconds : 0;
    }

    private sealed class RepetitionTally
    {
        public RateSpan Sending;
        public RateSpan Arriving;

        public LongHistogram EndToEnd { get; } = LatencyHistograms.Create();
    }
}
