using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>
/// The four-component chain over the eventmesh transport, through the documented stand-in of the runtime
/// (<see cref="EventMeshStandIn"/>): no real EventMesh runtime can run on this machine.
/// </summary>
[Collection(LocalChain.Collection)]
public sealed class EventMeshChainTests
{
    private const int Timeout = 120_000;
    private const string Action1 = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1";
    private const string Action2 = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION2";

    [Fact(Timeout = Timeout)]
    public async Task Every_message_arrives_once_with_ordered_stamps()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        await using var chain = LocalChain.Create(ChainScenarios.FourComponentsByTopic("eventmesh"), broker: standIn.Address);
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        ChainAssertions.EveryMessageArrivedOnce(run);

        // What the stand-in saw: every request of our client passed the runtime's checks.
        Assert.Empty(standIn.Runtime.Refusals);
        Assert.Equal(3 * ChainScenarios.Messages, standIn.Runtime.Accepted("publish"));
        Assert.Equal(3, standIn.Runtime.Accepted("subscribeStream"));
        Assert.Empty(standIn.Runtime.Drops);
    }

    [Fact(Timeout = Timeout)]
    public async Task Publishing_before_any_subscriber_exists_fails_and_counts_as_send_failed()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        await using var chain = LocalChain.Create(ChainScenarios.FourComponentsByTopic("eventmesh", drain: "3s"), broker: standIn.Address);
        // action01, the only consumer of the trigger's topic, never subscribes: the topic is never created.
        await chain.StartAsync("conclusion", "action02", "trigger");

        var run = await chain.CollectAsync(CancellationToken.None);

        var messages = run.Analysis.Summary.Messages;
        Assert.Equal(ChainScenarios.Messages, messages.Sent);
        Assert.Equal(ChainScenarios.Messages, messages.SendFailed);
        Assert.Equal(0, messages.Received);
        Assert.Equal(ChainScenarios.Messages, messages.Lost);
        var trigger = run.Records.Trigger!.Records;
        for (long i = 0; i < trigger.Count; i++)
        {
            Assert.True(trigger[i].Outcome.HasFlag(MessageOutcome.SendFailed), $"message {trigger[i].Sequence} is not counted as send-failed ({trigger[i].Outcome})");
        }

        var refusals = standIn.Runtime.Refusals.ToArray();
        Assert.Equal(trigger.Count, refusals.Length);
        Assert.All(refusals, refusal =>
        {
            Assert.Equal(("publish", "14"), (refusal.Rpc, refusal.Code));
            Assert.Equal($"topic not created: {Action1}", refusal.Detail);
        });
    }

    [Fact(Timeout = Timeout)]
    public async Task A_consumer_stream_killed_mid_run_loses_exactly_what_it_never_got_and_resubscribes()
    {
        await using var standIn = await EventMeshStandIn.StartAsync();
        // A run with losses always waits out its drain: long enough for the rest to arrive on a loaded machine.
        await using var chain = LocalChain.Create(ChainScenarios.FourComponentsByTopic("eventmesh", drain: "15s"), broker: standIn.Address);
        await chain.StartAsync();
        await chain.WaitForAsync("conclusion", status => status.Received >= 400, CancellationToken.None);

        Assert.Equal(1, standIn.Runtime.KillConsumers("action02", lostBeforeReturn: 20));
        var run = await chain.CollectAsync(CancellationToken.None);

        var summary = run.Analysis.Summary;
        var arrived = ChainAssertions.DistinctSequences(run.Records.Conclusion!);
        var arrivedInTime = ChainAssertions.DistinctSequencesBeforeDrain(run.Records);
        var neverArrived = Enumerable.Range(0, ChainScenarios.Messages).Select(i => (long)i).Where(s => !arrived.Contains(s)).ToHashSet();
        var dropped = standIn.Runtime.Drops.Select(drop => (drop.Group, drop.Topic, Sequence: SequenceOf(drop.Event))).ToArray();
        var handedToKilledStream = standIn.Runtime.KilledStreams.Single().Handed.Select(SequenceOf).ToHashSet();

        Assert.Equal(0, run.ExitCode);
        Assert.True(summary.Completed);
        Assert.Equal(ChainScenarios.Messages, summary.Messages.Sent);
        Assert.Equal(0, summary.Messages.SendFailed);
        Assert.Equal(0, summary.Messages.Duplicates);
        Assert.Equal(arrivedInTime.Count, summary.Messages.Received);
        Assert.Equal(summary.Messages.Sent - arrivedInTime.Count, summary.Messages.Lost);

        // Every loss is the killed consumer's: dropped while action02 had no stream, or handed to the stream that died.
        Assert.All(dropped, drop => Assert.Equal(("action02", Action2), (drop.Group, drop.Topic)));
        Assert.InRange(dropped.Length, 20, ChainScenarios.Messages);
        Assert.All(dropped, drop => Assert.Contains(drop.Sequence, neverArrived));
        Assert.All(neverArrived, sequence => Assert.True(
            dropped.Any(drop => drop.Sequence == sequence) || handedToKilledStream.Contains(sequence),
            $"message {sequence} was lost, but not where the stream was killed"));
        Assert.Equal(0, summary.Hops.Single(h => h.Component == "action01").LostBefore);
        Assert.Equal(summary.Messages.Lost, summary.Hops.Single(h => h.Component == "action02").LostBefore);
        Assert.Equal(0, summary.Hops.Single(h => h.Component == "conclusion").LostBefore);

        // The receiver subscribed again, and what was published after the gap arrived.
        Assert.Equal(4, standIn.Runtime.Accepted("subscribeStream"));
        Assert.Contains(arrived, sequence => sequence > dropped.Max(drop => drop.Sequence));
        Assert.Contains(summary.Notes, note => note.StartsWith("drain timeout", StringComparison.Ordinal));
        Assert.DoesNotContain(standIn.Runtime.Refusals, refusal => refusal.Rpc != "subscribeStream" || refusal.Code != "17");
    }

    private static long SequenceOf(Transports.EventMesh.Protocol.CloudEvent cloudEvent) => Envelope.Parser.ParseFrom(cloudEvent.BinaryData).Sequence;
}
