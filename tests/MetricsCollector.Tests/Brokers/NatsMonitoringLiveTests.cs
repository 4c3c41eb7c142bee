using System.Globalization;
using System.Text.RegularExpressions;
using MeshAspire.MetricsCollector.Brokers;
using NATS.Client.Core;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

/// <summary>The source against a real nats-server that this test starts and kills.</summary>
public partial class NatsMonitoringLiveTests
{
    private const int Published = 50;
    private const string Publisher = "live-publisher";

    [Fact(Timeout = 60_000)]
    public async Task In_msgs_grows_by_what_a_client_published()
    {
        await using var server = await NatsServerProcess.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var source = new NatsMonitoringSource(http, server.MonitoringAddress);
        var before = await source.ScrapeAsync(CancellationToken.None);
        Assert.True(before.Complete, string.Join("; ", before.Failures));
        var inMsgsBefore = ExpositionText.Value(before.Text, "nats_varz_in_msgs");

        await using var client = new NatsConnection(new NatsOpts { Url = server.ClientUrl, Name = Publisher });
        for (var i = 0; i < Published; i++)
        {
            await client.PublishAsync("meshaspire.live", new byte[32]);
        }

        await client.PingAsync();

        // The server adds a connection's counts to its totals after the read that carried them: poll until they show.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var after = await source.ScrapeAsync(deadline.Token);
        while (ExpositionText.Value(after.Text, "nats_varz_in_msgs") < inMsgsBefore + Published || PublisherInMsgs(after.Text) < Published)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            after = await source.ScrapeAsync(deadline.Token);
        }

        Assert.True(after.Complete, string.Join("; ", after.Failures));
        Assert.Equal(Published, PublisherInMsgs(after.Text));
        Assert.True(ExpositionText.Value(after.Text, "nats_varz_connections") >= 1);
        Assert.True(ExpositionText.Value(after.Text, "nats_varz_in_bytes") >= Published * 32);
        ExpositionText.AssertWellFormed(after.Text);
    }

    private static double PublisherInMsgs(string text) =>
        PublisherInMsgsLine().Match(text) is { Success: true } match
            ? double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)
            : -1;

    [GeneratedRegex("^nats_connz_in_msgs\\{cid=\"[0-9]+\",name=\"" + Publisher + "\"\\} (?<value>[0-9]+)$", RegexOptions.Multiline)]
    private static partial Regex PublisherInMsgsLine();
}
