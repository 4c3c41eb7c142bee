using System.Diagnostics;
using MeshAspire.Workflow.Pacing;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.Workflow.Tests.Pacing;

public class PacerTests
{
    private static readonly ISchedule HundredInOneSecond = Schedules.Constant(100, TimeSpan.FromSeconds(1));

    private static long StartTenSecondsAgo() => Stopwatch.GetTimestamp() - (10 * Stopwatch.Frequency);

    [Fact]
    public void A_schedule_already_due_is_sent_in_order_with_each_message_own_intended_time()
    {
        var start = StartTenSecondsAgo();
        var sender = new RecordingSender();

        var sent = Pacer.Run(HundredInOneSecond, start, sender, CancellationToken.None);

        Assert.Equal(100, sent);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), sender.Sends.Select(s => s.Index));
        var tickNanos = (long)Math.Ceiling(1e9 / Stopwatch.Frequency);
        foreach (var (index, intended) in sender.Sends)
        {
            var expected = UnixClock.ToUnixNanos(start) + (index * 10_000_000);
            Assert.InRange(intended, expected - tickNanos - 1, expected + tickNanos + 1);
        }
    }

    [Fact]
    public void Nothing_is_sent_when_cancelled_before_the_start()
    {
        var sender = new RecordingSender();

        var sent = Pacer.Run(HundredInOneSecond, StartTenSecondsAgo(), sender, new CancellationToken(canceled: true));

        Assert.Equal(0, sent);
        Assert.Empty(sender.Sends);
    }

    [Fact]
    public void Cancelling_stops_the_pass_without_throwing()
    {
        using var cts = new CancellationTokenSource();
        var sender = new RecordingSender(afterSend: count => { if (count == 3) { cts.Cancel(); } });

        var sent = Pacer.Run(HundredInOneSecond, StartTenSecondsAgo(), sender, cts.Token);

        Assert.Equal(3, sent);
        Assert.Equal(3, sender.Sends.Count);
    }

    private sealed class RecordingSender(Action<int>? afterSend = null) : IPacedSender
    {
        public List<(long Index, long Intended)> Sends { get; } = [];

        public void Send(long index, long intendedUnixNanos)
        {
            Sends.Add((index, intendedUnixNanos));
            afterSend?.Invoke(Sends.Count);
        }
    }
}
