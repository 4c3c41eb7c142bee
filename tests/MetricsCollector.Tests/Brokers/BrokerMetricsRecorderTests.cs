using MeshAspire.MetricsCollector.Brokers;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

/// <summary>The broker's metrics recorded while a run goes on: a scrape per interval, a gap and a reason when one fails.</summary>
public sealed class BrokerMetricsRecorderTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly string _results = Directory.CreateTempSubdirectory("meshaspire-brokers-").FullName;

    [Fact(Timeout = 60_000)]
    public async Task Each_scrape_of_a_live_nats_server_is_appended_with_its_time()
    {
        await using var server = await NatsServerProcess.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var target = new BrokerTarget("nats", BrokerMetricsFormat.NatsMonitoring, server.MonitoringAddress);
        using var stopping = new CancellationTokenSource();

        var recording = BrokerMetricsRecorder.RecordAsync(target, http, _results, Interval, stopping.Token);
        await WaitForScrapesAsync(Path.Combine(_results, "brokers", "nats.prom"), 3);
        await stopping.CancelAsync();
        var recorded = await recording;

        var text = await File.ReadAllTextAsync(recorded.File);
        Assert.Equal(0, recorded.Failed);
        Assert.True(recorded.Scrapes >= 3);
        Assert.Equal(recorded.Scrapes, Count(text, "# scrape nats "));
        Assert.Equal(recorded.Scrapes, Count(text, "# TYPE nats_varz_in_msgs counter"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_target_that_vanishes_leaves_a_reason_per_missed_scrape_and_no_exception()
    {
        await using var server = await NatsServerProcess.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var target = new BrokerTarget("nats", BrokerMetricsFormat.NatsMonitoring, server.MonitoringAddress);
        var file = Path.Combine(_results, "brokers", "nats.prom");
        using var stopping = new CancellationTokenSource();

        var recording = BrokerMetricsRecorder.RecordAsync(target, http, _results, Interval, stopping.Token);
        await WaitForScrapesAsync(file, 1);
        await server.DisposeAsync();
        await WaitForAsync(file, text => Count(text, " failed: ") >= 2);
        await stopping.CancelAsync();
        var recorded = await recording;

        var text = await File.ReadAllTextAsync(file);
        Assert.True(recorded.Failed >= 2);
        Assert.Equal(recorded.Failed, Count(text, " failed: "));
        Assert.True(recorded.Scrapes > recorded.Failed);
    }

    private static Task WaitForScrapesAsync(string file, int scrapes) =>
        WaitForAsync(file, text => Count(text, "# TYPE nats_varz_in_msgs counter") >= scrapes);

    private static async Task WaitForAsync(string file, Func<string, bool> condition)
    {
        while (true)
        {
            if (File.Exists(file))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                if (condition(await reader.ReadToEndAsync()))
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);
}
