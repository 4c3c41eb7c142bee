using Confluent.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

/// <summary>librdkafka ships as a native library per platform: it must load here, not only compile.</summary>
public class KafkaNativeLibraryTests
{
    [Fact]
    public void A_producer_builds_and_disposes_against_a_broker_that_is_not_there()
    {
        var config = new ProducerConfig { BootstrapServers = $"127.0.0.1:{UnusedPort.Next()}", ClientId = "native-library-test" };

        using (var producer = new ProducerBuilder<Null, byte[]>(config).SetLogHandler(static (_, _) => { }).Build())
        {
            Assert.Contains("native-library-test", producer.Name, StringComparison.Ordinal);
        }

        Assert.True(Library.IsLoaded);
        Assert.False(string.IsNullOrWhiteSpace(Library.VersionString));
        Assert.True(Library.Version > 0);
    }
}
