namespace MeshAspire.AppHost.Tests;

/// <summary>
/// A container runtime name no machine has: set as ASPIRE_CONTAINER_RUNTIME, it makes "no container runtime answers"
/// true here whatever is installed, so these tests mean the same on every machine.
/// </summary>
internal static class NoContainerRuntime
{
    public const string Name = "meshaspire-no-container-runtime";
}
