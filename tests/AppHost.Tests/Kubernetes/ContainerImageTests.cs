using System.Xml.Linq;
using MeshAspire.AppHost.Kubernetes;

namespace MeshAspire.AppHost.Tests.Kubernetes;

/// <summary>The image each project publishes (<c>/t:PublishContainer</c>) is the one the manifests run, on a non-root base.</summary>
public sealed class ContainerImageTests
{
    [Theory]
    [InlineData("Workflow.Trigger/Workflow.Trigger.csproj", ContainerImages.Trigger)]
    [InlineData("Workflow.Action/Workflow.Action.csproj", ContainerImages.Action)]
    [InlineData("Workflow.Conclusion/Workflow.Conclusion.csproj", ContainerImages.Conclusion)]
    [InlineData("MetricsCollector/MetricsCollector.csproj", ContainerImages.Collector)]
    public void The_project_publishes_the_image_the_manifests_name(string project, string repository)
    {
        var properties = XDocument.Load(Path.Combine(RepositoryPaths.Root, project)).Descendants("PropertyGroup").Elements().ToList();

        Assert.Equal(repository, properties.Single(p => p.Name == "ContainerRepository").Value);
        // Chiseled Ubuntu images have no shell and run as the non-root 'app' user (1654), which the manifests run as.
        Assert.Equal("noble-chiseled", properties.Single(p => p.Name == "ContainerFamily").Value);
    }
}
