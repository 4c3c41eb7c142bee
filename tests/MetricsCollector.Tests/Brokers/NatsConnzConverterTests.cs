using MeshAspire.MetricsCollector.Brokers;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

public class NatsConnzConverterTests
{
    private static readonly string Text = PrometheusTextFormat.Write(NatsConnzConverter.Convert(NatsFixtures.Json("connz")));

    [Fact]
    public void Each_connection_is_labelled_with_its_id_and_its_clients_name()
    {
        Assert.Equal(0, ExpositionText.Value(Text, "nats_connz_pending_bytes{cid=\"5\",name=\"action01\"}"));
        Assert.Equal(138, ExpositionText.Value(Text, "nats_connz_in_msgs{cid=\"4\",name=\"trigger\"}"));
        Assert.Equal(38, ExpositionText.Value(Text, "nats_connz_out_msgs{cid=\"4\",name=\"trigger\"}"));
        Assert.Equal(100, ExpositionText.Value(Text, "nats_connz_in_msgs{cid=\"5\",name=\"action01\"}"));
        Assert.Equal(100, ExpositionText.Value(Text, "nats_connz_out_msgs{cid=\"6\",name=\"conclusion\"}"));
        Assert.Equal(6_400, ExpositionText.Value(Text, "nats_connz_out_bytes{cid=\"6\",name=\"conclusion\"}"));
        Assert.Equal(2, ExpositionText.Value(Text, "nats_connz_subscriptions{cid=\"6\",name=\"conclusion\"}"));
        Assert.Equal(4, ExpositionText.Value(Text, "nats_connz_num_connections"));
    }

    [Fact]
    public void A_name_with_quotes_and_a_backslash_is_escaped_in_its_label() =>
        Assert.Equal(1, ExpositionText.Value(Text, "nats_connz_subscriptions{cid=\"7\",name=\"odd \\\"name\\\" \\\\ here\"}"));

    [Fact]
    public void The_round_trip_in_gos_duration_text_becomes_seconds()
    {
        Assert.Equal(0.000544, ExpositionText.Value(Text, "nats_connz_rtt_seconds{cid=\"4\",name=\"trigger\"}"), precision: 12);
        Assert.Equal(0.002219304, ExpositionText.Value(Text, "nats_connz_rtt_seconds{cid=\"6\",name=\"conclusion\"}"), precision: 12);
    }

    [Fact]
    public void Every_connection_metric_is_declared_once_with_all_four_connections_under_it()
    {
        ExpositionText.AssertWellFormed(Text);
        Assert.Equal(4, Text.Split('\n').Count(line => line.StartsWith("nats_connz_in_msgs{", StringComparison.Ordinal)));
        Assert.Equal("counter", ExpositionText.TypeOf(Text, "nats_connz_in_msgs"));
        Assert.Equal("counter", ExpositionText.TypeOf(Text, "nats_connz_out_bytes"));
        Assert.Equal("gauge", ExpositionText.TypeOf(Text, "nats_connz_pending_bytes"));
        Assert.Equal("gauge", ExpositionText.TypeOf(Text, "nats_connz_subscriptions"));
    }

    [Fact]
    public void A_server_with_no_connections_declares_no_per_connection_metric()
    {
        var text = PrometheusTextFormat.Write(NatsConnzConverter.Convert(
            System.Text.Json.JsonDocument.Parse("""{"num_connections":0,"total":0,"connections":[]}""").RootElement));

        Assert.Equal(0, ExpositionText.Value(text, "nats_connz_num_connections"));
        Assert.DoesNotContain("nats_connz_in_msgs", text, StringComparison.Ordinal);
        ExpositionText.AssertWellFormed(text);
    }
}
