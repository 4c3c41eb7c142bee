using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Trigger;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>The trigger never keeps more than max.in.flight messages unanswered, and says how late that made it.</summary>
public sealed class TriggerLoadTests
{
    private const int Limit = 5;
    private const int Messages = 40;

    [Fact(Timeout = 60_000)]
    public async Task At_the_in_flight_limit_the_trigger_waits_for_an_answer()
    {
        var run = new ComponentRun(new ComponentIdentity("trigger", ComponentRole.Trigger, "run"), []);
        run.Records.Reserve(Messages);
        var inFlight = new InFlightLimit(Limit);
        var next = new AnsweringHop(new DeliveryRecorder(run, inFlight), Limit);
        var load = new TriggerLoad(run, Google.Protobuf.ByteString.Empty, traceEvery: 0, inFlight, CancellationToken.None);
        load.Attach(next);
        load.Begin(new TriggerPass(1, Schedules.Constant(1000, TimeSpan.FromMilliseconds(Messages)), 0));

        var answering = Task.Run(next.AnswerWhileSendsArrive);
        var sent = await Task.Run(() => Pacer.Run(Schedules.Constant(1000, TimeSpan.FromMilliseconds(Messages)), 0, load, CancellationToken.None));
        next.Finish();
        await answering;

        Assert.Equal(Messages, sent);
        Assert.Equal(Limit, next.MostUnanswered);
        Assert.Equal(Messages, run.Counters.Acknowledged);
        Assert.All(Enumerable.Range(0, Messages), i => Assert.True(run.Records[i].Outcome.HasFlag(MessageOutcome.Acknowledged)));
    }

    /// <summary>A next hop that answers the oldest message only once <paramref name="limit"/> are waiting (or at the end).</summary>
    private sealed class AnsweringHop(IDeliveryObserver observer, int limit) : IHopSender
    {
        private readonly Queue<long> _unanswered = new();
        private readonly object _gate = new();
        private bool _finished;

        public int MostUnanswered { get; private set; }

        public string Target => "test hop";

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Send(Envelope envelope, long token)
        {
            lock (_gate)
            {
                _unanswered.Enqueue(token);
                MostUnanswered = Math.Max(MostUnanswered, _unanswered.Count);
                Monitor.PulseAll(_gate);
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                _finished = true;
                Monitor.PulseAll(_gate);
            }
        }

        public void AnswerWhileSendsArrive()
        {
            while (true)
            {
                long token;
                lock (_gate)
                {
                    while (_unanswered.Count < limit && !(_finished && _unanswered.Count > 0))
                    {
                        if (_finished)
                        {
                            return;
                        }

                        Monitor.Wait(_gate);
                    }

                    token = _unanswered.Dequeue();
                }

                observer.Acknowledged(token, Timing.UnixClock.NowNanos());
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
