using System.Buffers;
using System.Diagnostics.Metrics;
using Google.Protobuf;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Tests.Transports;

/// <summary>What an async receiver hands on: this run's envelopes only; the rest is dropped, counted and reported.</summary>
public sealed class TopicIntakeTests
{
    private const string RunId = "run-now";

    private sealed class Sink : IEnvelopeSink
    {
        public List<(long Sequence, long Received)> Accepted { get; } = [];

        public void Accept(Envelope envelope, long receivedNanos) => Accepted.Add((envelope.Sequence, receivedNanos));
    }

    [Fact]
    public void This_runs_envelopes_pass_with_their_arrival_time()
    {
        var sink = new Sink();
        var intake = new TopicIntake(sink, RunId);

        var passed = intake.Offer(new ReadOnlySequence<byte>(new Envelope { RunId = RunId, Sequence = 7 }.ToByteArray()), receivedNanos: 42);

        Assert.True(passed);
        Assert.Equal([(7L, 42L)], sink.Accepted);
        Assert.Equal(0, intake.Foreign + intake.Malformed);
    }

    [Fact]
    public void Another_runs_messages_and_bodies_that_are_not_envelopes_are_dropped_counted_and_exported()
    {
        var sink = new Sink();
        var intake = new TopicIntake(sink, RunId);
        var reasons = new List<string>();
        var testThread = Thread.CurrentThread;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "meshaspire.workflow.messages.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                // Other tests' intakes may record at the same time; a measurement is reported on the thread that made it.
                if (tag.Key == "reason" && Thread.CurrentThread == testThread)
                {
                    reasons.Add($"{tag.Value}:{value}");
                }
            }
        });
        listener.Start();

        Assert.False(intake.Offer(new Envelope { RunId = "run-before", Sequence = 1 }, receivedNanos: 1));
        Assert.False(intake.Offer(new ReadOnlySequence<byte>([0xFF, 0xFF, 0xFF]), receivedNanos: 2));

        Assert.Empty(sink.Accepted);
        Assert.Equal(1, intake.Foreign);
        Assert.Equal(1, intake.Malformed);
        Assert.Equal(["other-run:1", "malformed:1"], reasons);
    }
}
