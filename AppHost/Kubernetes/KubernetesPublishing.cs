namespace MeshAspire.AppHost.Kubernetes;

/// <summary>Checks a publish before anything is built: the flags, the mode and the scenario's placements.</summary>
public static class KubernetesPublishing
{
    public static (PublishPlan? Plan, IReadOnlyList<string> Errors) Prepare(
        IDistributedApplicationBuilder builder, WorkflowRun run, KubernetesPublishOptions options, IReadOnlyList<string> optionErrors)
    {
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return (null, [$"{KubernetesPublishOptions.MeshFlag}, {KubernetesPublishOptions.ClusterFlag} and the other publish flags need --operation publish --step publish --output-path DIR"]);
        }

        if (optionErrors.Count > 0)
        {
            return (null, optionErrors);
        }

        return PublishPlan.Make(run.Scenario, File.ReadAllText(run.ScenarioPath), options, DateTime.UtcNow);
    }
}
