using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.Kafka;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

/// <summary>The Kafka clients' own log lines go to the component's log, at their level, with repeats folded.</summary>
public class KafkaClientLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static LogMessage Refused(int port, int afterMs) =>
        new("action01#producer-1", SyslogLevel.Error, "FAIL", $"127.0.0.1:{port}/bootstrap: Connect to ipv4#127.0.0.1:{port} failed: Connection refused (after {afterMs}ms in state CONNECT)");

    [Fact]
    public void A_line_said_again_within_the_window_is_counted_and_the_count_goes_with_its_next_logging()
    {
        var clock = new ManualClock(Start);
        var logger = new RecordingLogger();
        var log = new KafkaClientLog(logger, clock);

        log.Write(null, Refused(9092, 0));
        clock.Now += TimeSpan.FromSeconds(1);
        log.Write(null, Refused(9092, 1));
        log.Write(null, new LogMessage("action01#producer-1", SyslogLevel.Warning, "BROKER", "1/1 brokers are down"));
        clock.Now += TimeSpan.FromSeconds(10);
        log.Write(null, Refused(9092, 0));
        log.Write(null, Refused(9092, 2));
        clock.Now = Start + KafkaClientLog.FoldWindow;
        log.Write(null, Refused(9092, 0));

        Assert.Equal(
        [
            (LogLevel.Error, "kafka client action01#producer-1 FAIL: 127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)"),
            (LogLevel.Warning, "kafka client action01#producer-1 BROKER: 1/1 brokers are down"),
            (LogLevel.Error, "kafka client action01#producer-1 FAIL: 127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT) (3 more like it since it was last logged)"),
        ], logger.Lines);
    }

    [Fact]
    public void Lines_below_the_logs_level_are_dropped_and_not_counted()
    {
        var clock = new ManualClock(Start);
        var logger = new RecordingLogger { Least = LogLevel.Information };
        var log = new KafkaClientLog(logger, clock);

        log.Write(null, new LogMessage("trigger#consumer-2", SyslogLevel.Debug, "PROTOCOL", "sent 1 request"));
        log.Write(null, new LogMessage("trigger#consumer-2", SyslogLevel.Notice, "CGRPOP", "group joined"));

        Assert.Equal([(LogLevel.Information, "kafka client trigger#consumer-2 CGRPOP: group joined")], logger.Lines);
    }

    [Theory]
    [InlineData(SyslogLevel.Emergency, LogLevel.Critical)]
    [InlineData(SyslogLevel.Critical, LogLevel.Critical)]
    [InlineData(SyslogLevel.Error, LogLevel.Error)]
    [InlineData(SyslogLevel.Warning, LogLevel.Warning)]
    [InlineData(SyslogLevel.Notice, LogLevel.Information)]
    [InlineData(SyslogLevel.Info, LogLevel.Information)]
    [InlineData(SyslogLevel.Debug, LogLevel.Debug)]
    public void Each_librdkafka_level_has_its_log_level(SyslogLevel level, LogLevel expected) =>
        Assert.Equal(expected, KafkaClientLog.LevelOf(level));

    [Fact(Timeout = 60_000)]
    public async Task A_real_producer_that_finds_no_broker_says_so_in_the_components_log()
    {
        var port = ClosedLoopbackPort();
        var logger = new RecordingLogger();
        await using var sender = new KafkaHopSender(
            new BrokerEndpoint("kafka", $"127.0.0.1:{port}"), "WORKFLOW ACTION1", new NoObserver(),
            new TopicOptions("action01", "run-now", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)), logger);

        var (level, line) = await logger.First.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LogLevel.Error, level);
        Assert.StartsWith("kafka client action01#producer-", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_real_admin_client_that_finds_no_broker_says_so_in_the_components_log()
    {
        var port = ClosedLoopbackPort();
        var logger = new RecordingLogger();

        await Assert.ThrowsAsync<HopUnreachableException>(() => KafkaTopicProvisioner.EnsureAsync(
            new BrokerEndpoint("kafka", $"127.0.0.1:{port}"), "meshaspire.workflow-action1",
            new TopicOptions("action01", "run-now", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)), "the hop", logger, CancellationToken.None));

        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Error && l.Line.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly ConcurrentQueue<(LogLevel, string)> _lines = new();
        private readonly TaskCompletionSource<(LogLevel, string)> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LogLevel Least { get; init; } = LogLevel.Trace;

        public IReadOnlyList<(LogLevel Level, string Line)> Lines => [.. _lines];

        public Task<(LogLevel Level, string Line)> First => _first.Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Least;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = (logLevel, formatter(state, exception));
            _lines.Enqueue(line);
            _first.TrySetResult(line);
        }
    }

    private sealed class NoObserver : IDeliveryObserver
    {
        public void Acknowledged(long token, long acknowledgedNanos)
        {
        }

        public void Failed(long token, DeliveryFailure failure)
        {
        }
    }
}
