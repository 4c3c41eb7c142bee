using MeshAspire.MetricsCollector.Brokers;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

public class GoDurationTests
{
    [Theory]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    [InlineData("544µs", 0.000544)]
    [InlineData("544\u03bcs", 0.000544)]
    [InlineData("12us", 0.000012)]
    [InlineData("100ns", 0.0000001)]
    [InlineData("2.219304ms", 0.002219304)]
    [InlineData("3s", 3)]
    [InlineData("1m2.5s", 62.5)]
    [InlineData("1h0m1s", 3601)]
    [InlineData("-1.5s", -1.5)]
    public void Reads_what_go_writes(string text, double seconds)
    {
        Assert.True(GoDuration.TryParseSeconds(text, out var parsed));
        Assert.Equal(seconds, parsed, precision: 12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("ms")]
    [InlineData("5 parsecs")]
    [InlineData("1.2.3s")]
    public void Refuses_anything_else(string text) =>
        Assert.False(GoDuration.TryParseSeconds(text, out _));
}
