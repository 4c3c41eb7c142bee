using System.Text.Json;
using MeshAspire.MetricsCollector.Brokers;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

public class NatsJszConverterTests
{
    private static readonly string Text = PrometheusTextFormat.Write(NatsJszConverter.Convert(NatsFixtures.Json("jsz")));

    [Fact]
    public void JetStreams_totals_become_samples_with_the_captured_values()
    {
        Assert.Equal(2, ExpositionText.Value(Text, "nats_jsz_streams"));
        Assert.Equal(1, ExpositionText.Value(Text, "nats_jsz_consumers"));
        Assert.Equal(35, ExpositionText.Value(Text, "nats_jsz_messages"));
        Assert.Equal(3_510, ExpositionText.Value(Text, "nats_jsz_bytes"));
        Assert.Equal(910, ExpositionText.Value(Text, "nats_jsz_memory"));
        Assert.Equal(2_600, ExpositionText.Value(Text, "nats_jsz_storage"));
        Assert.Equal(18_957_020_160, ExpositionText.Value(Text, "nats_jsz_config_max_memory"));
        Assert.Equal(3, ExpositionText.Value(Text, "nats_jsz_api_total"));
        Assert.Equal(0, ExpositionText.Value(Text, "nats_jsz_api_errors"));
    }

    [Fact]
    public void Stored_amounts_are_gauges_and_api_requests_counters()
    {
        ExpositionText.AssertWellFormed(Text);
        Assert.Equal("gauge", ExpositionText.TypeOf(Text, "nats_jsz_messages"));
        Assert.Equal("gauge", ExpositionText.TypeOf(Text, "nats_jsz_storage"));
        Assert.Equal("counter", ExpositionText.TypeOf(Text, "nats_jsz_api_total"));
        Assert.Equal("counter", ExpositionText.TypeOf(Text, "nats_jsz_api_errors"));
    }

    [Fact]
    public void A_document_without_jetstream_numbers_gives_no_samples() =>
        Assert.Empty(NatsJszConverter.Convert(JsonDocument.Parse("""{"server_id":"x","disabled":true}""").RootElement));
}
