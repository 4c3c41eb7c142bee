using System.Text.RegularExpressions;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// A Kafka client's own log lines (librdkafka writes them to stderr unless given a handler) into the component's log,
/// at the level librdkafka gave them. A line that says again what was logged less than <see cref="FoldWindow"/> ago
/// (the same facility and text, numbers aside) is counted instead, and the count goes with its next logging: while a
/// broker is down every client would otherwise log each attempt to reconnect, several a second.
/// </summary>
public sealed partial class KafkaClientLog(ILogger logger, TimeProvider clock)
{
    public static readonly TimeSpan FoldWindow = TimeSpan.FromSeconds(30);

    /// <summary>Distinct lines remembered for folding; past this many, the oldest are forgotten together.</summary>
    private const int Remembered = 256;

    private readonly Dictionary<string, (DateTimeOffset LoggedAt, int Folded)> _recent = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The handler to give a producer, consumer or admin client builder.</summary>
    public static Action<IClient, LogMessage> Handler(ILogger? logger) =>
        logger is null ? static (_, _) => { } : new KafkaClientLog(logger, TimeProvider.System).Write;

    public void Write(IClient? client, LogMessage message)
    {
        var level = LevelOf(message.Level);
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var key = Numbers().Replace($"{message.Facility} {message.Message}", "#");
        var now = clock.GetUtcNow();
        int folded;
        lock (_gate)
        {
            if (_recent.TryGetValue(key, out var last) && now - last.LoggedAt < FoldWindow)
            {
                _recent[key] = (last.LoggedAt, last.Folded + 1);
                return;
            }

            folded = last.Folded;
            if (_recent.Count >= Remembered)
            {
                _recent.Clear();
            }

            _recent[key] = (now, 0);
        }

        if (folded == 0)
        {
            LogLine(logger, level, message.Name, message.Facility, message.Message);
        }
        else
        {
            LogLineAgain(logger, level, message.Name, message.Facility, message.Message, folded);
        }
    }

    public static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();

    [LoggerMessage(Message = "kafka client {Client} {Facility}: {Text}")]
    private static partial void LogLine(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(Message = "kafka client {Client} {Facility}: {Text} ({Folded} more like it since it was last logged)")]
    private static partial void LogLineAgain(ILogger logger, LogLevel level, string client, string facility, string text, int folded);
}
