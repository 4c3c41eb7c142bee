using System.Net;
using System.Text;
using MeshAspire.MetricsCollector.Brokers;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

/// <summary>The source over a handler that serves the captured documents, or fails some of them.</summary>
public class NatsMonitoringSourceTests
{
    private static readonly Uri Monitoring = new("http://nats.test:8222");

    [Fact]
    public async Task All_three_documents_become_one_text_and_each_is_reported_up()
    {
        var handler = new FixtureHandler();
        using var http = new HttpClient(handler);

        var scrape = await new NatsMonitoringSource(http, Monitoring).ScrapeAsync(CancellationToken.None);

        Assert.True(scrape.Complete);
        ExpositionText.AssertWellFormed(scrape.Text);
        Assert.Equal(238, ExpositionText.Value(scrape.Text, "nats_varz_in_msgs"));
        Assert.Equal(0, ExpositionText.Value(scrape.Text, "nats_connz_pending_bytes{cid=\"5\",name=\"action01\"}"));
        Assert.Equal(2, ExpositionText.Value(scrape.Text, "nats_jsz_streams"));
        Assert.All(["varz", "connz", "jsz"], document => Assert.Equal(1, ExpositionText.Value(scrape.Text, $"nats_monitoring_up{{document=\"{document}\"}}")));
        Assert.Equal(["/connz", "/jsz", "/varz"], handler.Requested.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_document_is_reported_and_the_others_keep_their_samples()
    {
        using var http = new HttpClient(new FixtureHandler { Failing = { ["connz"] = HttpStatusCode.InternalServerError } });

        var scrape = await new NatsMonitoringSource(http, Monitoring).ScrapeAsync(CancellationToken.None);

        var failure = Assert.Single(scrape.Failures);
        Assert.Equal("connz", failure.Document);
        Assert.Contains("http://nats.test:8222/connz answered 500", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("nats_connz_", scrape.Text, StringComparison.Ordinal);
        Assert.Equal(238, ExpositionText.Value(scrape.Text, "nats_varz_in_msgs"));
        Assert.Equal(35, ExpositionText.Value(scrape.Text, "nats_jsz_messages"));
        Assert.Equal(0, ExpositionText.Value(scrape.Text, "nats_monitoring_up{document=\"connz\"}"));
        Assert.Equal(1, ExpositionText.Value(scrape.Text, "nats_monitoring_up{document=\"varz\"}"));
        ExpositionText.AssertWellFormed(scrape.Text);
    }

    [Fact]
    public async Task A_document_that_is_not_json_or_does_not_answer_is_a_failure_too()
    {
        using var http = new HttpClient(new FixtureHandler { NotJson = { "jsz" }, Unreachable = { "varz" } });

        var scrape = await new NatsMonitoringSource(http, Monitoring).ScrapeAsync(CancellationToken.None);

        Assert.Equal(["jsz", "varz"], scrape.Failures.Select(f => f.Document).Order(StringComparer.Ordinal));
        Assert.Contains("not JSON", scrape.Failures.Single(f => f.Document == "jsz").Reason, StringComparison.Ordinal);
        Assert.Contains("connection refused", scrape.Failures.Single(f => f.Document == "varz").Reason, StringComparison.Ordinal);
        Assert.Equal(4, ExpositionText.Value(scrape.Text, "nats_connz_num_connections"));
    }

    [Fact]
    public async Task Documents_are_read_under_the_base_path_of_the_address()
    {
        var handler = new FixtureHandler();
        using var http = new HttpClient(handler);

        await new NatsMonitoringSource(http, new Uri("http://nats.test:8222/nats")).ScrapeAsync(CancellationToken.None);

        Assert.Equal(["/nats/connz", "/nats/jsz", "/nats/varz"], handler.Requested.Order(StringComparer.Ordinal));
    }

    private sealed class FixtureHandler : HttpMessageHandler
    {
        public Dictionary<string, HttpStatusCode> Failing { get; } = [];

        public HashSet<string> NotJson { get; } = [];

        public HashSet<string> Unreachable { get; } = [];

        public System.Collections.Concurrent.ConcurrentBag<string> Requested { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Requested.Add(path);
            var document = path[(path.LastIndexOf('/') + 1)..];
            if (Unreachable.Contains(document))
            {
                throw new HttpRequestException("connection refused");
            }

            var response = Failing.TryGetValue(document, out var status)
                ? new HttpResponseMessage(status)
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(NotJson.Contains(document) ? "<html>proxy error</html>" : NatsFixtures.Text(document), Encoding.UTF8, "application/json"),
                };
            return Task.FromResult(response);
        }
    }
}
