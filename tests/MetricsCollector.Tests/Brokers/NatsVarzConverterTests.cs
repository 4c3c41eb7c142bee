using MeshAspire.MetricsCollector.Brokers;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

public class NatsVarzConverterTests
{
    private static readonly string Text = PrometheusTextFormat.Write(NatsVarzConverter.Convert(NatsFixtures.Json("varz")));

    [Fact]
    public void The_servers_totals_become_samples_with_the_captured_values()
    {
        Assert.Equal(238, ExpositionText.Value(Text, "nats_varz_in_msgs"));
        Assert.Equal(238, ExpositionText.Value(Text, "nats_varz_out_msgs"));
        Assert.Equal(15_523, ExpositionText.Value(Text, "nats_varz_in_bytes"));
        Assert.Equal(15_834, ExpositionText.Value(Text, "nats_varz_out_bytes"));
        Assert.Equal(4, ExpositionText.Value(Text, "nats_varz_connections"));
        Assert.Equal(4, ExpositionText.Value(Text, "nats_varz_total_connections"));
        Assert.Equal(59, ExpositionText.Value(Text, "nats_varz_subscriptions"));
        Assert.Equal(13_717_504, ExpositionText.Value(Text, "nats_varz_mem"));
        Assert.Equal(3, ExpositionText.Value(Text, "nats_varz_cpu"));
        Assert.Equal(0, ExpositionText.Value(Text, "nats_varz_slow_consumers"));
    }

    [Theory]
    [InlineData("nats_varz_in_msgs", "counter")]
    [InlineData("nats_varz_out_bytes", "counter")]
    [InlineData("nats_varz_slow_consumers", "counter")]
    [InlineData("nats_varz_total_connections", "counter")]
    [InlineData("nats_varz_connections", "gauge")]
    [InlineData("nats_varz_mem", "gauge")]
    [InlineData("nats_varz_cpu", "gauge")]
    [InlineData("nats_varz_uptime_seconds", "gauge")]
    public void What_only_grows_is_a_counter_and_what_goes_up_and_down_a_gauge(string metric, string type) =>
        Assert.Equal(type, ExpositionText.TypeOf(Text, metric));

    [Fact]
    public void Uptime_is_now_minus_start_on_the_servers_clock() =>
        // 23:26:28.496190128 - 23:26:24.841250922, read to the tenth of a microsecond.
        Assert.Equal(3.6549392, ExpositionText.Value(Text, "nats_varz_uptime_seconds"), precision: 6);

    [Fact]
    public void The_server_is_identified_by_an_info_sample() =>
        Assert.Equal(1, ExpositionText.Value(Text,
            "nats_varz_info{server_id=\"ND32VML2N5FJMMZZUH5RN7E4VZUTHL4JIWCCRDT65UQ6YM7XY6VDD64M\",server_name=\"meshaspire-fixture\",version=\"2.9.10\"}"));

    [Fact]
    public void The_text_is_well_formed() => ExpositionText.AssertWellFormed(Text);
}
