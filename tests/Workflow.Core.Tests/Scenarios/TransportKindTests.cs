using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Scenarios;

public sealed class TransportKindTests
{
    [Fact]
    public void Every_transport_is_found_again_by_its_scenario_name() =>
        Assert.All(Enum.GetValues<TransportKind>(), kind => Assert.Equal(kind, TransportKindExtensions.FromKey(kind.ToKey())));

    [Theory]
    [InlineData("GRPC")]
    [InlineData("grpcstream")]
    [InlineData("")]
    public void A_name_that_is_no_transport_is_none(string key) =>
        Assert.Null(TransportKindExtensions.FromKey(key));
}
