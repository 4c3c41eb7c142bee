using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The publish step: <c>--operation publish --step publish --output-path DIR</c> writes <c>DIR/&lt;cluster&gt;/</c>. The
/// manifests are made in memory first, so a failure writes nothing.
/// </summary>
public static class KubernetesPublishStep
{
    public const string StepName = "publish-kubernetes";

    public static void AddKubernetesPublishing(this IDistributedApplicationBuilder builder, PublishPlan plan)
    {
        var manifests = KubernetesPublisher.Build(plan);
        builder.Pipeline.AddStep(StepName, context =>
        {
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            ManifestWriter.Write(output, manifests, plan.Options.Namespace);
            foreach (var cluster in manifests)
            {
                var contextFlag = plan.Contexts.TryGetValue(cluster.Cluster, out var kubeContext) ? $" --context {kubeContext}" : "";
                context.Logger.LogInformation("{Cluster}: {Count} files in {Directory}; apply with: kubectl{Context} apply -k {Directory}",
                    cluster.Cluster, cluster.Files.Count + 1, Path.Combine(output, cluster.Cluster), contextFlag, Path.Combine(output, cluster.Cluster));
            }

            return Task.CompletedTask;
        }, requiredBy: WellKnownPipelineSteps.Publish);
    }
}
