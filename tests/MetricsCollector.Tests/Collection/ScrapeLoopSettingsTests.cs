using MeshAspire.MetricsCollector.Collection;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.MetricsCollector.Tests.Collection;

public sealed class ScrapeLoopSettingsTests
{
    [Fact]
    public void A_local_run_scrapes_every_second_with_a_timeout_of_a_second_and_reads_each_process()
    {
        Assert.Equal(new ScrapeLoopSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), LocalResources: true),
            ScrapeLoopSettings.From(Configuration(), inCluster: false));
    }

    [Fact]
    public void A_cluster_run_scrapes_every_five_seconds_and_leaves_resources_to_the_metrics_api()
    {
        Assert.Equal(new ScrapeLoopSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), LocalResources: false),
            ScrapeLoopSettings.From(Configuration(), inCluster: true));
    }

    [Fact]
    public void A_long_interval_set_by_the_user_keeps_the_timeout_at_ten_seconds_unless_set_too()
    {
        var settings = ScrapeLoopSettings.From(Configuration((CollectorOptions.ScrapeInterval, "00:00:30")), inCluster: true);
        var timed = ScrapeLoopSettings.From(
            Configuration((CollectorOptions.ScrapeInterval, "00:00:30"), (CollectorOptions.ScrapeTimeout, "00:00:20")), inCluster: false);

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), (settings.Interval, settings.Timeout));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), true), (timed.Interval, timed.Timeout, timed.LocalResources));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
