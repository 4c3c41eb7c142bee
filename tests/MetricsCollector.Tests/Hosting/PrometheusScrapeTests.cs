using System.Text.Json;

namespace MeshAspire.MetricsCollector.Tests.Hosting;

/// <summary>A real Prometheus scrapes the collector's and a real component's /metrics, as it would in a cluster.</summary>
public sealed class PrometheusScrapeTests(CollectorHostFixture collector) : IClassFixture<CollectorHostFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact(Timeout = 180_000)]
    public async Task Prometheus_scrapes_the_collector_and_a_component_and_answers_queries_on_both()
    {
        await using var prometheus = PrometheusServer.Start(new Dictionary<string, Uri>
        {
            ["collector"] = collector.Collector,
            ["conclusion"] = collector.Conclusion,
        });

        var targets = await PollApiAsync(prometheus, "/api/v1/targets", data =>
        {
            var active = data.GetProperty("activeTargets").EnumerateArray().ToArray();
            return active.Length == 2 && active.All(t => t.GetProperty("health").GetString() == "up");
        });
        Assert.Equal(
            ["collector", "conclusion"],
            targets.GetProperty("activeTargets").EnumerateArray().Select(t => t.GetProperty("labels").GetProperty("job").GetString()).Order());

        var scrapes = await QueryAsync(prometheus, "meshaspire_collector_scrapes_total{job=\"collector\",target=\"conclusion\",outcome=\"ok\"}");
        Assert.True(double.Parse(scrapes.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 1);

        var memory = await QueryAsync(prometheus, "process_memory_usage_bytes{job=\"conclusion\"}");
        Assert.Equal($"{collector.Conclusion.Authority}", memory.GetProperty("metric").GetProperty("instance").GetString());
    }

    /// <summary>The first series of an instant query, once Prometheus has one.</summary>
    private async Task<JsonElement> QueryAsync(PrometheusServer prometheus, string query)
    {
        var data = await PollApiAsync(prometheus, $"/api/v1/query?query={Uri.EscapeDataString(query)}",
            d => d.GetProperty("result").GetArrayLength() > 0);
        return data.GetProperty("result")[0];
    }

    private async Task<JsonElement> PollApiAsync(PrometheusServer prometheus, string path, Func<JsonElement, bool> answered)
    {
        try
        {
            var body = await collector.PollAsync(new Uri(prometheus.Address, path), text =>
            {
                using var json = JsonDocument.Parse(text);
                return json.RootElement.GetProperty("status").GetString() == "success" && answered(json.RootElement.GetProperty("data"));
            }, Deadline);
            using var answer = JsonDocument.Parse(body);
            return answer.RootElement.GetProperty("data").Clone();
        }
        catch (TimeoutException error)
        {
            throw new TimeoutException($"{error.Message}{Environment.NewLine}prometheus said:{Environment.NewLine}{prometheus.Output}", error);
        }
    }
}
