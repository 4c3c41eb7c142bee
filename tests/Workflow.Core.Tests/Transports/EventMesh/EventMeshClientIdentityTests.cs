using MeshAspire.Workflow.Transports.EventMesh;
using Microsoft.Extensions.Configuration;

namespace MeshAspire.Workflow.Tests.Transports.EventMesh;

public class EventMeshClientIdentityTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Credentials_come_from_configuration()
    {
        var identity = EventMeshClientIdentity.From(Configuration(("EventMesh:Username", "alice"), ("EventMesh:Password", "s3cret")));

        Assert.Equal("alice", identity.Username);
        Assert.Equal("s3cret", identity.Password);
    }

    [Fact]
    public void Unconfigured_or_empty_credentials_are_the_sdk_defaults_the_runtime_accepts_without_acl()
    {
        var unconfigured = EventMeshClientIdentity.From(Configuration());
        var empty = EventMeshClientIdentity.From(Configuration(("EventMesh:Username", ""), ("EventMesh:Password", "")));

        Assert.All([unconfigured, empty], identity =>
        {
            Assert.Equal(EventMeshClientIdentity.UnconfiguredUsername, identity.Username);
            Assert.Equal(EventMeshClientIdentity.UnconfiguredPassword, identity.Password);
        });
    }

    [Fact]
    public void The_password_never_shows_in_text()
    {
        var identity = EventMeshClientIdentity.From(Configuration(("EventMesh:Username", "alice"), ("EventMesh:Password", "s3cret-Pa55")));

        Assert.DoesNotContain("s3cret-Pa55", identity.ToString(), StringComparison.Ordinal);
        Assert.Contains("alice", identity.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_address_and_process_are_this_machine_s()
    {
        var identity = EventMeshClientIdentity.From(null);

        Assert.True(System.Net.IPAddress.TryParse(identity.Ip, out _), identity.Ip);
        Assert.Equal(Environment.ProcessId, identity.Pid);
    }
}
