using MeshAspire.Workflow.Transports;
using MeshAspire.Workflow.Transports.RabbitMq;

namespace MeshAspire.Workflow.Tests.Transports;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void The_default_address_is_the_rabbitmq_service_as_guest_on_the_default_virtual_host()
    {
        var factory = RabbitMqAddress.CreateFactory(RabbitMqAddress.Parse(Broker("amqp://rabbitmq:5672")));

        Assert.Equal("rabbitmq", factory.HostName);
        Assert.Equal(5672, factory.Endpoint.Port);
        Assert.Equal("guest", factory.UserName);
        Assert.Equal("guest", factory.Password);
        Assert.Equal("/", factory.VirtualHost);
        Assert.False(factory.Ssl.Enabled);
    }

    [Fact]
    public void User_password_port_and_virtual_host_come_from_the_uri()
    {
        var factory = RabbitMqAddress.CreateFactory(RabbitMqAddress.Parse(Broker("amqp://bench:s%40cret@10.0.0.5:5673/perf")));

        Assert.Equal("10.0.0.5", factory.HostName);
        Assert.Equal(5673, factory.Endpoint.Port);
        Assert.Equal("bench", factory.UserName);
        Assert.Equal("s@cret", factory.Password);
        Assert.Equal("perf", factory.VirtualHost);
    }

    [Fact]
    public void An_escaped_slash_is_the_default_virtual_host()
    {
        var factory = RabbitMqAddress.CreateFactory(RabbitMqAddress.Parse(Broker("amqp://h/%2f")));

        Assert.Equal("/", factory.VirtualHost);
    }

    [Theory]
    [InlineData("localhost:5680", "localhost", 5680)]
    [InlineData("broker", "broker", 5672)]
    [InlineData("  amqp://broker  ", "broker", 5672)]
    public void A_bare_host_is_read_as_amqp(string text, string host, int port)
    {
        var uri = RabbitMqAddress.Parse(Broker(text));
        var factory = RabbitMqAddress.CreateFactory(uri);

        Assert.Equal("amqp", uri.Scheme);
        Assert.Equal(host, factory.HostName);
        Assert.Equal(port, factory.Endpoint.Port);
    }

    [Fact]
    public void Amqps_turns_tls_on_with_its_default_port()
    {
        var factory = RabbitMqAddress.CreateFactory(RabbitMqAddress.Parse(Broker("amqps://broker.example")));

        Assert.True(factory.Ssl.Enabled);
        Assert.Equal(5671, factory.Endpoint.Port);
    }

    [Fact]
    public void The_factory_recovers_connections_topology_and_consumers_by_itself()
    {
        var factory = RabbitMqAddress.CreateFactory(RabbitMqAddress.Parse(Broker("amqp://rabbitmq")));

        Assert.True(factory.AutomaticRecoveryEnabled);
        Assert.True(factory.TopologyRecoveryEnabled);
        Assert.Equal(RabbitMqAddress.RecoveryInterval, factory.NetworkRecoveryInterval);
        Assert.Equal(1, factory.ConsumerDispatchConcurrency);
    }

    [Theory]
    [InlineData("http://bench:s3cret@broker:5672")]
    [InlineData("amqp://bench:s3cret@")]
    [InlineData("amqp://bench:s3cret@broker/one/two")]
    public void Anything_but_an_amqp_uri_is_refused_without_showing_the_password(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => RabbitMqAddress.Parse(Broker(text)));

        Assert.StartsWith("ConnectionStrings:rabbitmq '", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not an AMQP URI: expected amqp://user:password@host:port/vhost", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://bench:s3cret@broker:5673/perf", "amqp://broker:5673/perf")]
    [InlineData("amqp://broker", "amqp://broker/")]
    [InlineData("amqps://u:p@broker:5671", "amqps://broker:5671/")]
    public void An_address_is_described_without_credentials(string text, string described)
    {
        Assert.Equal(described, RabbitMqAddress.Describe(RabbitMqAddress.Parse(Broker(text))));
    }

    [Fact]
    public void The_broker_endpoint_redacts_amqp_credentials()
    {
        var redacted = Broker("amqp://bench:s3cret@broker:5673/perf").Redacted;

        Assert.DoesNotContain("s3cret", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("bench", redacted, StringComparison.Ordinal);
        Assert.Contains("broker:5673", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://u:p@@host", "amqp://host")]
    [InlineData("u:p@host:1", "host:1")]
    [InlineData("amqp://host", "amqp://host")]
    public void Text_that_is_not_a_uri_loses_what_precedes_its_last_at_sign(string text, string shown)
    {
        Assert.Equal(shown, RabbitMqAddress.WithoutCredentials(text));
    }

    private static BrokerEndpoint Broker(string connectionString) => new("rabbitmq", connectionString);
}
