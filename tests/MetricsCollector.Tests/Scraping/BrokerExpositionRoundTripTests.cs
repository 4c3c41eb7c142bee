using MeshAspire.MetricsCollector.Brokers;
using MeshAspire.MetricsCollector.Scraping;

namespace MeshAspire.MetricsCollector.Tests.Scraping;

/// <summary>What the collector itself writes for brokers (PrometheusTextFormat) reads back unchanged.</summary>
public class BrokerExpositionRoundTripTests
{
    [Fact]
    public void Written_families_parse_back_to_the_same_names_types_help_labels_and_values()
    {
        var written = new[]
        {
            new PrometheusFamily("nats_connection_in_msgs", PrometheusMetricType.Counter, "Messages in,\nper \\ connection.",
            [
                new PrometheusSample([new("name", "odd \"name\" \\ here\nnext"), new("cid", "7")], 100),
                new PrometheusSample([new("name", "trigger"), new("cid", "8")], 0.1 + 0.2),
            ]),
            PrometheusFamily.Single("nats_server_mem_bytes", PrometheusMetricType.Gauge, "Resident memory.", double.NaN),
        };

        var result = PrometheusTextParser.Parse(PrometheusTextFormat.Write(written), ExpositionFormat.PrometheusText);

        Assert.Empty(result.Errors);
        Assert.Equal(written.Select(family => (family.Name, family.Help)), result.Families.Select(family => (family.Name, family.Help!)));
        Assert.Equal([MetricType.Counter, MetricType.Gauge], result.Families.Select(family => family.Type));
        var samples = result.Families[0].Samples;
        Assert.Equal(written[0].Samples.Select(sample => sample.Labels), samples.Select(sample => sample.Labels));
        Assert.Equal([100, 0.1 + 0.2], samples.Select(sample => sample.Value));
        Assert.True(double.IsNaN(Assert.Single(result.Families[1].Samples).Value));
    }
}
