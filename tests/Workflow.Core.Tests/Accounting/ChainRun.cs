using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Accounting;

/// <summary>One message's fate through a synthetic chain. Times are nanoseconds.</summary>
/// <param name="Sequence">Its sequence number (the trigger's row index).</param>
/// <param name="Repetition">0 = warm-up.</param>
/// <param name="Intended">Its intended send time (Unix nanoseconds).</param>
internal sealed record Message(long Sequence, int Repetition, long Intended)
{
    /// <summary>Trigger send - intended.</summary>
    public long Lag { get; init; }

    /// <summary>Each link's one-way time: receive - caller's send.</summary>
    public long Transit { get; init; } = 10_000;

    /// <summary>Each component's forward (or done) - receive.</summary>
    public long Service { get; init; } = 10_000;

    /// <summary>When set, the conclusion is done at Intended + EndToEnd (whatever its service time comes to).</summary>
    public long? EndToEnd { get; init; }

    /// <summary>How many components after the trigger received it: 0 = none, the chain's length - 1 = delivered.</summary>
    public int Reach { get; init; } = int.MaxValue;

    /// <summary>The last component it reached (the trigger when Reach is 0) flags its send as failed.</summary>
    public bool SendFailed { get; init; }
}

/// <summary>
/// Builds the record logs of a chain by hand, as the components would have written them: the trigger's rows indexed by
/// sequence, every other component's rows appended in arrival order, the conclusion's rows with (received, sent) stamps
/// of every action. A caller's row is acknowledged when its next hop received the message; round trip = 2 x transit.
/// </summary>
internal sealed class ChainRun
{
    /// <summary>A Unix time (2023-11-14) far from 0, so that no stamp is accidentally "missing".</summary>
    public const long Base = 1_700_000_000_000_000_000L;

    public const long Millisecond = 1_000_000;

    private readonly Dictionary<long, long[]> _received = [];
    private readonly Dictionary<long, long[]> _forwarded = [];
    private readonly Dictionary<long, Message> _messages = [];

    public ChainRun(int actions = 2)
    {
        Chain = ["trigger", .. Enumerable.Range(1, actions).Select(a => $"action{a:00}"), "conclusion"];
        Logs = [new RecordLog(), .. Enumerable.Range(0, actions).Select(_ => new RecordLog()), new RecordLog(2 * actions)];
    }

    public string[] Chain { get; }

    /// <summary>The logs in chain order: trigger, actions, conclusion.</summary>
    public RecordLog[] Logs { get; }

    public RecordLog Trigger => Logs[0];

    public RecordLog Conclusion => Logs[^1];

    private int Last => Chain.Length - 1;

    /// <summary>Sends the messages through the chain, in the order given (which is the arrival order everywhere).</summary>
    public ChainRun Add(params IEnumerable<Message> messages)
    {
        foreach (var message in messages)
        {
            Add(message);
        }

        return this;
    }

    public ChainRun Add(Message m)
    {
        var reach = Math.Min(m.Reach, Last);
        var received = new long[Chain.Length];
        var forwarded = new long[Chain.Length];
        forwarded[0] = m.Intended + m.Lag;
        for (var k = 1; k <= Last; k++)
        {
            received[k] = forwarded[k - 1] + m.Transit;
            forwarded[k] = k == Last && m.EndToEnd is { } e2e ? m.Intended + e2e : received[k] + m.Service;
        }

        _received[m.Sequence] = received;
        _forwarded[m.Sequence] = forwarded;
        _messages[m.Sequence] = m;

        Trigger.Reserve(m.Sequence + 1);
        ref var sent = ref Trigger[m.Sequence];
        sent.Sequence = m.Sequence;
        sent.Repetition = m.Repetition;
        sent.IntendedNanos = m.Intended;
        sent.SentNanos = forwarded[0];
        sent.ForwardedNanos = forwarded[0];
        Answer(ref sent, m, 0, reach, forwarded[0]);

        for (var k = 1; k <= reach; k++)
        {
            AppendRow(k, m, received, forwarded, reach, MessageOutcome.None);
        }

        return this;
    }

    /// <summary>
    /// The transport hands the message to component <paramref name="from"/> (and so to every one after it) once more,
    /// <paramref name="shift"/> later; only the conclusion may flag the copy as a duplicate.
    /// </summary>
    public ChainRun Redeliver(long sequence, int from, bool flagged, long shift = Millisecond)
    {
        var m = _messages[sequence];
        var received = (long[])_received[sequence].Clone();
        var forwarded = (long[])_forwarded[sequence].Clone();
        for (var k = from; k <= Last; k++)
        {
            received[k] += shift;
            forwarded[k] += shift;
        }

        for (var k = from; k <= Last; k++)
        {
            AppendRow(k, m, received, forwarded, Last, k == Last && flagged ? MessageOutcome.Duplicate : MessageOutcome.None);
        }

        return this;
    }

    /// <summary>The run's records, with the components named in <paramref name="missing"/> unavailable.</summary>
    public RunRecords Records(params string[] missing)
    {
        var actions = Chain[1..^1];
        var components = Chain.Select((name, k) => missing.Contains(name)
            ? null
            : new ComponentRecords(
                name,
                k == 0 ? ComponentRole.Trigger : k == Last ? ComponentRole.Conclusion : ComponentRole.Action,
                Logs[k],
                k == Last ? actions : []));
        return new RunRecords(Chain, [.. components]);
    }

    /// <summary>Messages 0..count-1 of one repetition, <paramref name="interval"/> apart from <paramref name="start"/>.</summary>
    public static IEnumerable<Message> Steady(long firstSequence, int count, int repetition, long start, long interval) =>
        Enumerable.Range(0, count).Select(i => new Message(firstSequence + i, repetition, start + (i * interval)));

    private void AppendRow(int k, Message m, long[] received, long[] forwarded, int reach, MessageOutcome outcome)
    {
        var log = Logs[k];
        var index = log.Append();
        ref var row = ref log[index];
        row.Sequence = m.Sequence;
        row.Repetition = m.Repetition;
        row.IntendedNanos = m.Intended;
        row.SentNanos = forwarded[0];
        row.ReceivedNanos = received[k];
        row.ForwardedNanos = forwarded[k];
        row.Outcome = outcome;
        if (k == Last)
        {
            var stamps = log.StampsOf(index);
            for (var a = 1; a < Last; a++)
            {
                stamps[2 * (a - 1)] = received[a];
                stamps[(2 * (a - 1)) + 1] = forwarded[a];
            }
        }
        else
        {
            Answer(ref row, m, k, reach, forwarded[k]);
        }
    }

    /// <summary>The caller at <paramref name="k"/> learns its next hop's fate.</summary>
    private static void Answer(ref MessageRecord row, Message m, int k, int reach, long forwarded)
    {
        if (k < reach)
        {
            row.Outcome |= MessageOutcome.Acknowledged;
            row.AcknowledgedNanos = forwarded + (2 * m.Transit);
        }
        else
        {
            row.Outcome |= m.SendFailed ? MessageOutcome.SendFailed : MessageOutcome.Unacknowledged;
        }
    }
}

/// <summary>Scenarios for the accounting: a constant rate through trigger, actions and conclusion.</summary>
internal static class TestScenarios
{
    public static Scenario Constant(double rate = 100, string duration = "1s", int repetitions = 1, int actions = 2, string extra = "")
    {
        var lines = new List<string>
        {
            $"duration={duration}",
            $"repetitions={repetitions}",
            extra,
            "[trigger]",
            "rootname=trigger",
            $"operation.ops.start={rate}",
            $"operation.ops.end={rate}",
            "communication.hostname.to=action01",
            "communication.port.to=10091",
            "communication.port.from=10090",
        };
        for (var a = 1; a <= actions; a++)
        {
            lines.Add("[action]");
            lines.Add($"rootname=action{a:00}");
            lines.Add($"communication.hostname.to={(a == actions ? "conclusion" : $"action{a + 1:00}")}");
            lines.Add("communication.port.to=10091");
            lines.Add("communication.port.from=10091");
        }

        lines.Add("[conclusion]");
        lines.Add("rootname=conclusion");
        lines.Add("communication.port.to=10091");
        lines.Add("communication.port.from=10091");

        var result = ScenarioParser.ParseText(string.Join("\n", lines), "accounting.properties");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Scenario!;
    }
}
